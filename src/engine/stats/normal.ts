/**
 * Standard normal distribution: density, error functions, CDF and quantile, all to about double precision.
 *
 * - erf/erfc: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
 *   631-638 (the CALERF coefficients of Netlib SPECFUN), relative error ~1e-16 over the whole real line.
 * - Quantile: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 *   Applied Statistics 37 (1988) 477-484 (PPND16, ~1e-16 relative), so no refinement step is needed.
 */

const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)
const INV_SQRT_PI = 0.5641895835477563; // 1 / sqrt(pi)

// Cody (1969) coefficients (written as the shortest decimals that parse to the same doubles): erf on |x| <= 0.46875 (A/B), erfc on 0.46875 < |x| <= 4 (C/D), erfc on |x| > 4 (P/Q).
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];

/** erf(x) for |x| <= 0.46875 (Cody region 1). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** erfc(y) for y > 0.46875 (Cody regions 2 and 3), with exp(-y^2) split to avoid cancellation error. */
function erfcLarge(y: number): number {
  let ratio: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    ratio = (num + C[7]) / (den + D[7]);
  } else {
    if (y >= 26.55) return 0; // erfc underflows below the smallest double
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    ratio = (INV_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
  }
  // exp(-y^2) = exp(-s^2) exp(-(y - s)(y + s)) with s = y rounded down to 1/16: both factors are exact enough.
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s)) * ratio;
}

export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const e = 1 - erfcLarge(y);
  return x < 0 ? -e : e;
}

/** Complementary error function 1 - erf(x), accurate in relative terms far into the upper tail. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const e = erfcLarge(y);
  return x < 0 ? 2 - e : e;
}

export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Phi(x) = erfc(-x / sqrt 2) / 2: relative accuracy is kept in the lower tail (Phi(-30) ~ 4.9e-198). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

// Wichura AS 241 (PPND16) coefficients, lowest order first.
const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const AS241_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045,
  1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const AS241_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const AS241_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Degree-7 polynomial ratio with coefficients lowest order first (Horner). */
function ratio7(num: number[], den: number[], r: number): number {
  let n = num[7];
  let d = den[7];
  for (let i = 6; i >= 0; i--) {
    n = n * r + num[i];
    d = d * r + den[i];
  }
  return n / d;
}

/** Inverse of the standard normal CDF (Wichura AS 241). p must lie in [0, 1]; 0 and 1 map to -/+ Infinity. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: probability ${p} is not in [0, 1]`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio7(AS241_A, AS241_B, 0.180625 - q * q);
  const tail = q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  const r = Math.sqrt(-Math.log(tail));
  const z = r <= 5 ? ratio7(AS241_C, AS241_D, r - 1.6) : ratio7(AS241_E, AS241_F, r - 5);
  return q < 0 ? -z : z;
}
