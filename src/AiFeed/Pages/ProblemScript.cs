namespace AiFeed.Pages;

/// <summary>The problem page's only script: fetch a seeded test set, post answers, show the verdict.</summary>
internal static class ProblemScript
{
    public const string Source = """
        (() => {
          const section = document.getElementById('attempt-section');
          const api = section.dataset.api;
          const casesBox = document.getElementById('cases');
          const verdict = document.getElementById('verdict');
          let seed = null;
          const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };
          document.getElementById('tests-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            const given = document.getElementById('seed').value.trim();
            const response = await fetch(api + '/tests' + (given ? '?seed=' + encodeURIComponent(given) : ''));
            const body = await response.json();
            if (!response.ok) { casesBox.textContent = JSON.stringify(body.errors || body, null, 2); return; }
            seed = body.seed;
            document.getElementById('seed').value = seed;
            casesBox.textContent = body.cases.map(c => c.id + ': ' + JSON.stringify(c.input) + (c.public ? '  → ' + JSON.stringify(c.expected) : '')).join('\n');
          });
          document.getElementById('submit-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            verdict.replaceChildren();
            let answers;
            try { answers = JSON.parse(document.getElementById('answers').value); }
            catch { verdict.append(text('p', 'Your answers are not valid JSON.', 'fail')); return; }
            if (seed === null) { verdict.append(text('p', 'Fetch your test inputs first.', 'fail')); return; }
            const response = await fetch(api + '/submissions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seed, answers }) });
            const body = await response.json();
            if (!response.ok) {
              Object.entries(body.errors || { error: [body.detail] }).forEach(([k, v]) => verdict.append(text('p', k + ': ' + v.join(' '), 'fail')));
              return;
            }
            verdict.append(text('p', body.passed + ' of ' + body.total + ' cases pass', body.allPassed ? 'pass' : 'fail'));
            const list = document.createElement('ul');
            body.cases.forEach(c => list.append(text('li', c.id + ': ' + (c.passed ? 'pass' : 'fail') + (c.message ? ' — ' + c.message : '') + (c.expected !== null && !c.passed ? ' (expected ' + JSON.stringify(c.expected) + ')' : ''), c.passed ? 'pass' : 'fail')));
            verdict.append(list);
          });
        })();
        """;
}
