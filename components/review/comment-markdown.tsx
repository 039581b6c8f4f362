// A comment's Markdown, rendered safely: raw HTML in the text is dropped (skipHtml), never
// parsed, and react-markdown's default URL check turns javascript: and other unsafe links into
// empty ones. Links open in a new tab without handing over the opener.
import Markdown from 'react-markdown';

const STYLES =
  'break-words text-stone-800 [&_a]:text-indigo-700 [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-2 [&_blockquote]:text-stone-600 [&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-stone-100 [&_pre]:p-2 [&_strong]:font-semibold [&_ul]:list-disc [&_ul]:pl-5';

export function CommentMarkdown({ body }: { body: string }) {
  return (
    <div className={STYLES} data-testid="comment-body">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>{alt}</span>,
        }}
      >
        {body}
      </Markdown>
    </div>
  );
}
