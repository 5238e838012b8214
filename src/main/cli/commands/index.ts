import type { CliCommand } from '../command';
import { dbInfoCommand } from './dbInfo';
import { demoCommand } from './demo';
import { exportPortfolioCommand } from './exportPortfolio';
import { exportCommand } from './export';
import { importCommands } from './import';
import { listCommands } from './list';
import { marginCommand } from './margin';
import { riskCommand } from './risk';
import { serveCommand } from './serve';
import { backtestCommand } from './backtest';
import { calibrateCommand } from './calibrate';
import { optimizeCommand } from './optimize';
import { stressCommand } from './stress';

/** Every `offset` subcommand. Add a command by appending its module's export here. */
export const commands: CliCommand[] = [...importCommands, exportPortfolioCommand, exportCommand, ...listCommands, dbInfoCommand, demoCommand, serveCommand, riskCommand, marginCommand, stressCommand, backtestCommand, calibrateCommand, optimizeCommand];
