/**
 * One ECharts instance in a React component: created on mount, given the new option on every change
 * (notMerge, so removed series disappear), resized with its container, disposed on unmount. Colours come from
 * chartColors(theme) because canvas charts cannot read the CSS variables the rest of the UI uses.
 */
import { useEffect, useRef } from 'react';
import type { ThemeMode } from '../theme';
import { echarts, type ChartOption, type ECElementEvent } from './echarts';

export interface ChartColors {
  /** Panel background (styles.css --surface): cell borders and label halos drawn on the canvas. */
  surface: string;
  text: string;
  muted: string;
  grid: string;
  accent: string;
  negative: string;
  positive: string;
  /** Diverging scale, loss to gain, for P&L heatmaps. */
  diverging: [string, string, string];
  /** Sequential scale, low to high, for correlations and counts. */
  sequential: string[];
}

export function chartColors(theme: ThemeMode): ChartColors {
  return theme === 'dark'
    ? { surface: '#1b2027', text: '#e5e9ee', muted: '#98a3b0', grid: '#2d343d', accent: '#6ea0ff', negative: '#ff7b7f', positive: '#4cc38a', diverging: ['#d7434b', '#2a2f36', '#2f9e6a'], sequential: ['#1b2a44', '#6ea0ff', '#e5e9ee'] }
    : { surface: '#ffffff', text: '#1d232b', muted: '#65707d', grid: '#dde1e6', accent: '#2563eb', negative: '#c0262d', positive: '#1a7f4b', diverging: ['#c0262d', '#f4f5f7', '#1a7f4b'], sequential: ['#eef3fd', '#2563eb', '#0b1f4d'] };
}

export interface EChartProps {
  option: ChartOption;
  /** Accessible name of the chart (the canvas itself has no text). */
  label: string;
  className?: string;
  onClick?: (event: ECElementEvent) => void;
}

export function EChart({ option, label, className, onClick }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const element = container.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => clickHandler.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} className={`chart ${className ?? ''}`} role="img" aria-label={label} />;
}
