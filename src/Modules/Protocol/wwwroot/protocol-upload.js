// Drag and drop over a normal file input: without JavaScript the input works as it is.
(function () {
  document.querySelectorAll('[data-dropzone]').forEach(function (zone) {
    var input = zone.querySelector('input[type=file]');
    if (!input || typeof DataTransfer === 'undefined') { return; }
    var list = document.createElement('p');
    list.className = 'form-text pt-dropzone-files';
    list.setAttribute('aria-live', 'polite');
    zone.appendChild(list);
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      list.textContent = names.length ? 'Scelti: ' + names.join(', ') : '';
    }
    zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('pt-dropzone-over'); });
    zone.addEventListener('dragleave', function () { zone.classList.remove('pt-dropzone-over'); });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('pt-dropzone-over');
      var transfer = new DataTransfer();
      var files = e.dataTransfer.files;
      for (var i = 0; i < files.length && (input.multiple || i < 1); i++) { transfer.items.add(files[i]); }
      input.files = transfer.files;
      show();
    });
    input.addEventListener('change', show);
  });
})();
