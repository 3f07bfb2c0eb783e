/** Chart colours, from the tokens in styles/base.css (SVG attributes cannot read CSS variables everywhere). */
export const VERSION_COLORS = ['#98a2b3', '#3557d4'] as const;
export const CONVERTED_COLOR = '#15803d';
export const NOT_CONVERTED_COLOR = '#c6ccd4';
export const RATE_COLOR = '#b45309';
export const CURRENT_COLOR = '#1d2430';
