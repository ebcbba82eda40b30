export { lineChart, type LineChartInput } from './line-chart';
export { barVsLineChart, type BarVsLineInput } from './bar-vs-line-chart';
export { distributionChart, distributionStats, type DistributionInput, type DistributionPeer, type DistributionStats } from './distribution-chart';
export { esc as escapeXml, formatDecimalString, formatMoneyLabel, A4_CHART_WIDTH } from './svg';
export { multiLineChart, type MultiLineChartInput } from './multi-line-chart';
