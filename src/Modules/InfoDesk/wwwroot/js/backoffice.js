// Back office: Ctrl+Enter saves the form being typed; only the chosen category's questions are shown.
(function () {
  'use strict';
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      var form = e.target && e.target.closest ? e.target.closest('form') : null;
      if (form && form.method.toLowerCase() === 'post') { e.preventDefault(); form.requestSubmit(); }
    }
  });
  var category = document.getElementById('Category');
  if (category) {
    var show = function () {
      document.querySelectorAll('.category-questions').forEach(function (fs) {
        var on = fs.getAttribute('data-category') === category.value;
        fs.hidden = !on; fs.disabled = !on;
      });
    };
    category.addEventListener('change', show);
    show();
  }
  var template = document.getElementById('template');
  if (template) {
    template.addEventListener('change', function () {
      var opt = template.options[template.selectedIndex];
      if (opt && opt.getAttribute('data-text')) { document.getElementById('answer-text').value = opt.getAttribute('data-text'); }
    });
  }
})();
