/** How every renderer marks a piece of evidence by its relevance, in plain text (terminal, files). */
import type { EvidenceRelevance } from '../diagnosis/model.js';

/**
 * Proof of a cause `✗`, of a risk `!`, a question left open `?`, advice `i`, what was looked at and
 * found right `✓`; a report stored before evidence was ranked has none, and gets a plain `-`.
 */
export function relevanceMark(relevance: EvidenceRelevance | undefined): string {
  return relevance ? RELEVANCE_MARK[relevance] : '-';
}

const RELEVANCE_MARK: Record<EvidenceRelevance, string> = {
  fail: '✗',
  warn: '!',
  error: '?',
  advice: 'i',
  fine: '✓',
};
