import { parseConfig } from '../../src/config/parse-config'
import type { Problem } from '../../src/config/problem'
import { surveyLeftOut } from '../../src/messages'
import { checkDrawing, checkTheme, drawingKeys } from '../../src/ui/drawing-schema'

/**
 * Everything sayso checks of a configuration, in one go: what the core checks when it starts
 * (parseConfig) and what the drawing part checks when each survey is about to show (how it
 * looks, and the theme), with the defaults of both.
 */
export const checkAll = (input: unknown) => {
  const { config, problems } = parseConfig(input)
  const all: Problem[] = [...problems]
  const theme = checkTheme(config.theme, ['theme'], all)
  const surveys = config.surveys.flatMap((survey) => {
    const issues: Problem[] = []
    const drawing = checkDrawing(Object.fromEntries(drawingKeys.map((key) => [key, survey[key]])), survey.at, issues)
    if (issues.length) {
      all.push(...issues, surveyLeftOut(survey.at))
      return []
    }
    return [{ ...survey, ...drawing }]
  })
  return { config: { ...config, theme, surveys }, problems: all }
}
