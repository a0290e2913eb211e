// Live preview of the form editor: while the administrator types, the definition is posted to the preview handler and the
// server renders the preview with the same field partial the citizen sees. Without scripts, the "Anteprima" button does the same.
(function () {
    const form = document.getElementById('editor-modulo');
    const textarea = document.getElementById('definizione');
    const preview = document.getElementById('anteprima');
    if (!form || !textarea || !preview) {
        return;
    }

    let timer = null;
    let sequence = 0;
    async function refresh() {
        const mine = ++sequence;
        const body = new FormData(form);
        try {
            const response = await fetch(preview.dataset.url, { method: 'POST', body, headers: { 'X-Anteprima': '1' }, credentials: 'same-origin' });
            if (response.ok && mine === sequence) {
                preview.innerHTML = await response.text();
            }
        } catch (e) {
            // The button still works: a failed refresh leaves the previous preview.
        }
    }

    textarea.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 600);
    });

    document.getElementById('btn-anteprima')?.addEventListener('click', function (event) {
        event.preventDefault();
        clearTimeout(timer);
        refresh();
    });
})();
