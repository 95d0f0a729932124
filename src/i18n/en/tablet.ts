/** English words of the tablet screens (keys of ../ja/tablet.ts). */
import type { tablet as ja } from '../ja/tablet';

export const tablet: Record<keyof typeof ja, string> = {
  'legend.title': 'How to read the results',
  'legend.ranks': 'Ranks ({scheme})',
  'legend.verdicts': 'Results',
  'legend.achieved': 'The year\'s target was reached',
  'legend.notAchieved': 'The year\'s target was not reached',
  'legend.pending': 'No actual yet (blank or being compiled), so no result yet',
  'legend.excluded': 'Evaluated elsewhere (e.g. by the prefecture), not counted here',

  'back.toStrategy': '← Back to the strategy',
  'back.toList': '← Back to the list',
  'back.toProject': '← Back to the project',
  'nav.importFile': 'Open a file',
};
