/** The support bundle as the files Slack receives (the same three files the CLI writes). */

import type { RedactedBundle } from '../../bundle/types.js';
import { renderBundleFiles } from '../../bundle/write.js';
import type { SlackFile } from '../../contract/slack.js';

export function bundleSlackFiles(bundle: RedactedBundle): { files: SlackFile[]; pasteText: string } {
  const rendered = renderBundleFiles(bundle);
  return {
    files: [
      { filename: rendered.json.name, title: 'Support bundle (JSON)', content: rendered.json.content },
      {
        filename: rendered.markdown.name,
        title: 'Support bundle (readable)',
        content: rendered.markdown.content,
      },
      { filename: rendered.paste.name, title: 'Text for the support case', content: rendered.paste.content },
    ],
    pasteText: rendered.paste.content,
  };
}
