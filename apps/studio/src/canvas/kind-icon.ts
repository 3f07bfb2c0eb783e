/**
 * A kind's registry icon as drawn: compatibility forms (the fullwidth "＋") become their plain
 * glyphs, which every system font has; CJK fonts are not everywhere.
 */
export const kindIcon = (icon: string): string => icon.normalize('NFKC');
