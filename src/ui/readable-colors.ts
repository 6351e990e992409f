type Rgb = [number, number, number]

// A colour the browser has computed, `color(srgb r g b)` or `rgb(r, g, b)`, as sRGB 0–255.
const toRgb = (computed: string): Rgb => {
  const channels = (computed.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
  return channels.map((channel) => Math.round(computed.startsWith('color(') ? channel * 255 : channel)) as Rgb
}

const luminance = (rgb: Rgb) => {
  const [r, g, b] = rgb.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG's contrast ratio of two colours, 1–21. */
export const contrast = (a: Rgb, b: Rgb): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/**
 * Colours that stay readable with any brand colour: the text on the accent
 * (white or near-black, whichever contrasts more) and the accent as a mark on
 * the background (the text colour instead when the accent is under 3:1 there).
 * Set as custom properties on the container.
 */
export const readableColors = (container: HTMLElement, ownOnAccent: boolean) => {
  // Any colour the browser understands (hex, hsl, oklch, color-mix…), mixed into sRGB by the
  // browser itself; one probe a colour, so that one style pass computes all three.
  const probes = ['--accent', '--bg', '--text'].map((name) => {
    const probe = document.createElement('i')
    probe.style.setProperty('color', `color-mix(in srgb, var(${name}), #000 0%)`)
    return container.appendChild(probe)
  })
  const [accent, bg, text] = probes.map((probe) => toRgb(getComputedStyle(probe).color))
  probes.forEach((probe) => probe.remove())
  if (accent.length < 3) return
  if (!ownOnAccent) {
    container.style.setProperty('--on-accent', contrast(accent, [255, 255, 255]) >= contrast(accent, [17, 17, 17]) ? '#fff' : '#111')
  }
  if (contrast(accent, bg) < 3) container.style.setProperty('--ink', `rgb(${text})`)
}
