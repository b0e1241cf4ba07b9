// tiendo — the only script. Pages work without it; it adds:
//  - the header's menu button on narrow screens (without the script the
//    links, search box and account show in full, stacked);
//  - a filter box over long checkbox lists (the cooperating agencies),
//    matching without diacritics as people type on phones;
//  - on the report form, fields shown only when the chosen status needs
//    them (completion date, reason);
//  - autosave of the report form's parts while people type, with the
//    warnings a line that goes back on the previous report gets;
//  - the names and sizes of the files chosen for an import.
"use strict";
(function () {
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  // The header menu: one button folds the links away on phones.
  var header = document.querySelector("header.site");
  var toggle = header && header.querySelector(".menu-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (menu) {
    header.classList.add("has-menu");
    toggle.hidden = false;
    var setOpen = function (open) {
      menu.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && menu.classList.contains("open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filter"));
    if (!list) return;
    box.hidden = false;
    box.addEventListener("input", function () {
      var q = fold(box.value.trim());
      list.querySelectorAll("label.check").forEach(function (label) {
        var input = label.querySelector("input");
        label.hidden = q !== "" && !(input && input.checked) && fold(label.textContent).indexOf(q) < 0;
      });
    });
  });

  // Fields that matter for some statuses only: <div data-when="paused cancelled">.
  document.querySelectorAll("select[data-claim-select]").forEach(function (select) {
    var form = select.form;
    function apply() {
      form.querySelectorAll("[data-when]").forEach(function (field) {
        var wanted = field.getAttribute("data-when").split(" ");
        var invalid = field.classList.contains("invalid");
        var filled = field.querySelector("input, textarea");
        field.hidden = wanted.indexOf(select.value) < 0 && !invalid && !(filled && filled.value.trim() !== "");
      });
    }
    select.addEventListener("change", apply);
    apply();
  });

  // Autosave: post the form in the background (asking for JSON) a moment
  // after people stop typing; keep the versions the server returns so the
  // next save is not mistaken for someone else's. On a conflict the form
  // is posted normally, so the page shows both versions side by side.
  var delay = 1500;
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var status = form.querySelector(".autosave-status");
    var timer = null, busy = false, again = false, stopped = false;
    function say(text, bad) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("autosave-error", !!bad);
    }
    // Mark the fields the server could not store, beside each, until the
    // next save; the text typed in them stays as it is.
    function mark(fields) {
      form.querySelectorAll(".autosave-field-error").forEach(function (p) { p.remove(); });
      form.querySelectorAll("[aria-invalid=true][data-autosave-marked]").forEach(function (el) {
        el.removeAttribute("aria-invalid");
        el.removeAttribute("data-autosave-marked");
      });
      Object.keys(fields || {}).forEach(function (name) {
        var el = form.querySelector("[name='" + name + "']");
        if (!el) return;
        el.setAttribute("aria-invalid", "true");
        el.setAttribute("data-autosave-marked", "");
        var p = document.createElement("p");
        p.className = "field-error autosave-field-error";
        p.textContent = fields[name];
        el.insertAdjacentElement("afterend", p);
      });
    }
    // A line that goes back on the previous accepted report is saved with
    // warnings asking for an explanation: show them, and the field.
    function warn(list) {
      var block = form.closest(".entry-block");
      var box = block && block.querySelector(".entry-warnings");
      if (!box) return;
      box.textContent = "";
      list.forEach(function (m) {
        var p = document.createElement("p");
        p.className = "alert alert-warning entry-warning";
        p.textContent = m;
        box.appendChild(p);
      });
      var field = form.querySelector("[data-field=explanation]");
      if (field && list.length) field.hidden = false;
    }
    function save() {
      timer = null;
      if (stopped) return;
      if (busy) { again = true; return; }
      busy = true;
      say("Đang lưu…");
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (res) {
        return res.json().then(function (data) { return { res: res, data: data }; },
          function () { return { res: res, data: null }; });
      }).then(function (r) {
        busy = false;
        if (r.res.ok && r.data && r.data.ok) {
          var v = form.querySelector("input[name=version]");
          if (v) v.value = r.data.version;
          if (r.data.report_version) {
            document.querySelectorAll("input[data-report-version]").forEach(function (input) {
              input.value = r.data.report_version;
            });
          }
          mark(r.data.fields);
          say(r.data.partial ? r.data.message : "Đã tự động lưu lúc " + r.data.saved_at, !!r.data.partial);
          warn(r.data.warnings || []);
        } else if (r.data && r.data.conflict) {
          stopped = true;
          say(r.data.message, true);
          form.submit();
          return;
        } else {
          // Field problems (422) clear up as people type on; anything else
          // (report sent or locked meanwhile, signed out) will not, so
          // autosave stops and says why.
          if (r.res.status !== 422) stopped = true;
          if (r.data) mark(r.data.fields);
          say(r.data && r.data.message ? r.data.message : "Chưa tự động lưu được; hãy bấm Lưu.", true);
        }
        if (again) { again = false; schedule(); }
      }, function () {
        busy = false;
        say("Mất kết nối: chưa lưu. Hãy bấm Lưu khi có mạng.", true);
      });
    }
    function schedule() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, delay);
    }
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () {
      stopped = true;
      if (timer) clearTimeout(timer);
    });
  });

  // The files chosen in <input type=file multiple data-file-list="ID">,
  // listed in the element ID: a phone shows only "2 files".
  document.querySelectorAll("input[type=file][data-file-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-file-list"));
    if (!list) return;
    input.addEventListener("change", function () {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement("li");
        var kb = (f.size / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });
        li.textContent = f.name + " (" + kb + " KB)";
        list.appendChild(li);
      });
    });
  });
})();
