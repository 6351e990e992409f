const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * Where a key moves the tab stop in a row of `count` options, from `index`: the arrows (wrapping),
 * Home and End; -1 for any other key. Right to left the row is mirrored, so Left moves forward.
 * The scale and the choices move alike.
 */
export const movedTo = (key: string, index: number, count: number, dir: 'ltr' | 'rtl'): number => {
  const step = (steps[key] ?? 0) * (dir === 'rtl' && /Left|Right/.test(key) ? -1 : 1)
  return key === 'Home' ? 0 : key === 'End' ? count - 1 : step ? (index + step + count) % count : -1
}

/** Gives the one tab stop of a row of options to `index`, and focus with it. */
export const rove = (options: HTMLElement[], index: number) => {
  options.forEach((option, at) => (option.tabIndex = at === index ? 0 : -1))
  options[index].focus()
}
