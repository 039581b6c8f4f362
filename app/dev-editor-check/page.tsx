'use client';

import { useState } from 'react';
import { LazyBodyEditor } from '@/components/editor/lazy-body-editor';

function Check({ id }: { id: string }) {
  const [value, setValue] = useState('Hello {{name}} and {{missing}}');
  const [saves, setSaves] = useState(0);
  const [blurs, setBlurs] = useState(0);
  return (
    <section data-testid={`check-${id}`} style={{ margin: 16, border: '1px solid #ccc', background: 'white' }}>
      <LazyBodyEditor
        value={value}
        onChange={setValue}
        onBlur={() => setBlurs((n) => n + 1)}
        onSaveShortcut={() => setSaves((n) => n + 1)}
        variables={['name']}
        ariaLabel={`Body of block ${id}`}
      />
      <pre data-testid={`value-${id}`}>{value}</pre>
      <p data-testid={`saves-${id}`}>{saves}</p>
      <p data-testid={`blurs-${id}`}>{blurs}</p>
      <button type="button" onClick={() => setValue('Loaded latest {{name}}')} data-testid={`load-${id}`}>
        load latest
      </button>
    </section>
  );
}

export default function DevEditorCheckPage() {
  return (
    <main>
      <Check id="a" />
      <Check id="b" />
    </main>
  );
}
