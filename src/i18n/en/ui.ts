/** English words of the language setting and of the on-screen punctuation (keys of ../ja/ui.ts). */
import type { ui as ja } from '../ja/ui';

export const ui: Record<keyof typeof ja, string> = {
  'lang.label': 'Language (表示言語)',
  'lang.hint': 'The language of the screens. Data (strategy names, project names …) is shown as it was entered.',
  'lang.ja': '日本語',
  'lang.en': 'English',

  'ui.unselected': 'Not selected',

  // The end of a long list that shows its first part only (ShowMore).
  'list.shownOf': 'Showing {shown} of {total}',
  'list.showNext': 'Show {n} more',
  'list.showAll': 'Show all ({total})',

  'value.status.collecting': 'being compiled',
  'value.status.notConducted': 'not conducted',
  'value.status.evaluatedElsewhere': 'evaluated prefecture-wide',
  'value.status.notApplicable': 'not applicable',
  'value.approximate': 'approx. {value}',
  'value.atLeast': '{value} or more',
  'value.atMost': '{value} or less',
  'value.over': 'over {value}',
  'value.under': 'under {value}',
  'value.remark': '{value} ({remark})',
  'value.remarkOnly': '({remark})',
  'value.provisional': '{value} (provisional)',
  'value.statPeriod': '{value} [{period}]',

  'fmt.paren': ' ({text})',
  'fmt.join': ', ',
  'fmt.sep': ' · ',
  'fmt.range': '{from} – {to}',
  'fmt.spacedRange': '{from} – {to}',
  'fmt.labelled': '{label}: {text}',
  'fmt.labelColon': '{label}: ',
  'fmt.question': '{text}?',
  'fmt.bracket': '{text} [{note}]',
  'fmt.square': '[{text}]',
  'fmt.colon': ': ',
  'fmt.crumb': '/',
};
