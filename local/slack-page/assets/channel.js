// The local Slack channel page: live messages over Server-Sent Events, clicks as the chosen user.
// Every HTML fragment comes from the page server, which escapes all text (see render-*.ts).

(() => {
  const list = document.getElementById('messages');
  const viewer = document.getElementById('viewer');
  const connection = document.getElementById('connection');
  const toast = document.getElementById('toast');

  const byTs = (ts) => list.querySelector(`[data-ts="${CSS.escape(ts)}"]`);

  const fragment = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };

  /** Times in the viewer's zone; ephemerals only for the user they were sent to. */
  const settle = (root) => {
    for (const time of root.querySelectorAll('time[datetime]')) {
      const at = new Date(time.getAttribute('datetime'));
      const short = time.closest('.meta') !== null;
      time.textContent = short
        ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
        : at.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
      time.title = at.toISOString();
    }
    for (const item of root.querySelectorAll('.ephemeral')) item.hidden = item.dataset.user !== viewer.value;
  };

  const scrollToEnd = () => {
    list.scrollTop = list.scrollHeight;
  };

  const upsert = (ts, html) => {
    const existing = byTs(ts);
    if (existing) existing.replaceWith(fragment(html));
    else list.append(fragment(html));
    settle(list);
  };

  const showToast = (text) => {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(showToast.timer);
    showToast.timer = setTimeout(() => {
      toast.hidden = true;
    }, 6000);
  };

  const events = new EventSource('/events');
  events.addEventListener('open', () => {
    connection.textContent = 'live';
    connection.className = 'connection live';
  });
  events.addEventListener('error', () => {
    connection.textContent = 'disconnected (is the stack still running?)';
    connection.className = 'connection down';
  });
  events.addEventListener('snapshot', (event) => {
    list.replaceChildren(fragment(JSON.parse(event.data).html.join('')));
    settle(list);
    scrollToEnd();
  });
  for (const kind of ['post', 'update', 'ephemeral']) {
    events.addEventListener(kind, (event) => {
      const data = JSON.parse(event.data);
      upsert(data.ts, data.html);
      if (kind !== 'update') scrollToEnd();
    });
  }
  events.addEventListener('delete', (event) => byTs(JSON.parse(event.data).ts)?.remove());

  viewer.addEventListener('change', () => settle(list));

  /** A same-origin JSON post to the page server; its answer, or why it did not get through. */
  const post = async (path, body) => {
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      return response.ok ? answer : { error: answer.error };
    } catch (error) {
      return { error: error.message };
    }
  };

  /** What went wrong, if anything: not delivered, or the remediation API did not answer 200. */
  const complain = (answer, what) => {
    if (answer.error !== undefined) showToast(`${what} not delivered: ${answer.error}`);
    else if (answer.status !== undefined && answer.status !== 200)
      showToast(`The remediation API answered ${answer.status}: ${answer.body}`);
  };

  /**
   * A modal the app opened: Submit sends what was typed (the page server has it signed); the app's errors
   * show under their inputs and keep it open. Cancel or Escape tells the stand-in it is gone.
   */
  const openModal = (html) => {
    const dialog = fragment(html).firstElementChild;
    const form = dialog.querySelector('form');
    const viewId = dialog.dataset.viewId;
    let submitted = false;
    document.body.append(dialog);
    dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      if (!submitted) post('/close', { viewId });
      dialog.remove();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = Object.fromEntries([...form.querySelectorAll('[name]')].map((field) => [field.name, field.value]));
      const submit = form.querySelector('button[type="submit"]');
      submit.disabled = true;
      const answer = await post('/submit', { viewId, values });
      submit.disabled = false;
      for (const slot of form.querySelectorAll('.input-error')) {
        const errors = answer.errors ?? {};
        slot.textContent = Object.hasOwn(errors, slot.dataset.blockId) ? errors[slot.dataset.blockId] : '';
        slot.hidden = slot.textContent === '';
      }
      if (answer.closed) {
        submitted = true;
        dialog.close();
      } else if (!answer.errors) complain(answer, 'Submission');
    });
    dialog.showModal();
  };

  const send = async (button) => {
    const message = button.closest('.message');
    button.disabled = true;
    const answer = await post('/click', {
      ts: message.dataset.ts,
      actionId: button.dataset.actionId,
      value: button.dataset.value,
      userId: viewer.value,
    });
    button.disabled = false;
    complain(answer, 'Click');
    if (answer.view) openModal(answer.view);
  };

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action-id]');
    if (!button) return;
    const dialog = button.parentElement.querySelector('dialog.confirm');
    if (!dialog) {
      send(button);
      return;
    }
    dialog.addEventListener(
      'close',
      () => {
        if (dialog.returnValue === 'confirm') send(button);
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
  });

  settle(list);
  scrollToEnd();
})();
