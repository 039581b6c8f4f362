// The help texts. Every command answers --help; the exit codes are the same for all.
export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  the server failed or could not be reached
  2  usage: unknown command or option, missing argument, not logged in, unknown prompt
  3  conflict: a draft moved on the server since the file was pulled (names who moved it)
  4  invalid: a prompt file is malformed (file:line) or the server refused its content
  5  refused: the token's role may not do this, or the publish gate is closed (every reason listed)`;

const COMMON = `  --json        print one JSON document on stdout instead of text
  -h, --help    show this help
`;

export const HELP: Record<string, string> = {
  galley: `galley: keep Galley prompts as files in git

Usage: galley <command> [options]

Commands:
  login     save the server URL and a service token (gst_…)
  pull      write every prompt's draft to <dir>/<slug>.prompt.md and record its revision
  status    list files that are new, modified, unchanged or behind the server
  diff      show what the files change against the draft head or production, block by block
  push      save changed files as new draft revisions (a newer draft by someone else is a conflict)
  publish   publish a prompt's draft head as a release, with a note
  export    write a whole workspace's prompts to a directory
  import    create or update a workspace's prompts from a directory

Run \`galley <command> --help\` for a command's options.
The server and token come from GALLEY_URL and GALLEY_TOKEN, else from \`galley login\`.
Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.

${EXIT_CODES_HELP}`,
  login: `Usage: galley login --url URL --token gst_…

Checks the token against the server and saves both in $XDG_CONFIG_HOME/galley/config.json
(~/.config/galley/config.json), readable by you only. GALLEY_URL and GALLEY_TOKEN, when set,
are used instead of the saved values (also by login itself).

Options:
  --url URL     the Galley server, e.g. https://galley.example.com
  --token TOK   a service token (Settings → Service tokens)
${COMMON}`,
  pull: `Usage: galley pull [slug…] [--dir prompts] [--force]

Writes each prompt's draft head to <dir>/<slug>.prompt.md and records the revision in
<dir>/.galley-lock.json (commit both). A file you changed since it was pulled is kept, not
overwritten, unless --force.

Options:
  --dir DIR     where the prompt files live (default: prompts)
  --force       overwrite files with local changes
${COMMON}`,
  status: `Usage: galley status [--dir prompts]

Lists every prompt file and every prompt on the server:
  new        a file with no prompt on the server yet (push creates it)
  modified   changed since it was pulled (push saves it)
  unchanged  the same as the revision it was pulled from
  behind     the draft moved on the server (pull updates the file)
  conflict   modified here and moved on the server
  remote     on the server, not pulled here
  deleted    pulled, then the file was removed (push does not delete prompts)

Options:
  --dir DIR     where the prompt files live (default: prompts)
${COMMON}`,
  diff: `Usage: galley diff [slug…] [--dir prompts] [--against draft|production]

Compares the files with the server, block by block (blocks matched by id: changed, added,
removed, moved; a changed body as a line diff), then variables, model settings, name,
description and tags. Without slugs, every file that differs.

Options:
  --dir DIR          where the prompt files live (default: prompts)
  --against TARGET   draft (the draft head, default) or production (the live release)
${COMMON}`,
  push: `Usage: galley push [slug…] [--dir prompts] [--message TEXT] [--force]

Saves each changed file as a new draft revision (a new prompt is created). The lock file says
which revision a file was pulled from: if the draft has moved since, the push is a conflict
naming who saved it, unless every newer revision was made by this same token (a CI job that
pushed before). Files are all checked before anything is sent.

Options:
  --dir DIR          where the prompt files live (default: prompts)
  --message TEXT     the revision message (default: "galley push")
  --force            save over newer drafts anyway; prints every revision it overwrote
${COMMON}`,
  publish: `Usage: galley publish <slug> --note TEXT [--revision N]

Publishes the prompt's draft head (or revision N) as a release. When the workspace's gate is
closed (reviews, approvals, …) nothing is published and every reason is listed.

Options:
  --note TEXT     the release note (required)
  --revision N    publish this revision instead of the draft head
${COMMON}`,
  export: `Usage: galley export --dir DIR

Writes every prompt of the token's workspace to DIR/<slug>.prompt.md (the draft heads, with
name, description and tags) and DIR/galley-workspace.json (the workspace, and each prompt's
revision, content hash and production release).

Options:
  --dir DIR     the directory to write (created if missing)
${COMMON}`,
  import: `Usage: galley import --dir DIR

Reads every DIR/<slug>.prompt.md into the token's workspace: prompts that do not exist are
created, prompts whose draft differs get a new revision on top of their head ("galley import"),
changed names, descriptions and tags are updated. Files are all checked first.

Options:
  --dir DIR     the directory to read
${COMMON}`,
};
