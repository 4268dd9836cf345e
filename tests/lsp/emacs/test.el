;;; test.el --- pmlint in Emacs + eglot, configured by docs/editors.md  -*- lexical-binding: t -*-

;; End-to-end test of `pmlint lsp' in Debian's Emacs with eglot and markdown-mode,
;; configured by the Emacs snippet of docs/editors.md as written there (read from the doc):
;;   PATH="$(dirname "$PMLINT"):$PATH" PMLINT_EMACS_FILE=examples/2025-02-03-login-latency-postmortem.md \
;;     emacs --batch -l tests/lsp/emacs/test.el
;; Run from the repository root (on a copy of the file: the test edits the buffer, never
;; saves). Exits 0 when every check passes, 1 otherwise.

(require 'cl-lib)
(require 'subr-x)

(defvar pmlint-test-passed 0)

(defun pmlint-test-check (ok what)
  "Count WHAT as passed when OK, else stop the test with WHAT."
  (if ok
      (progn (setq pmlint-test-passed (1+ pmlint-test-passed))
             (princ (format "ok - %s\n" what)))
    (error "FAIL - %s" what)))

(defun pmlint-test-snippet ()
  "The first elisp block under the \"## Emacs (eglot)\" heading of docs/editors.md."
  (with-temp-buffer
    (insert-file-contents "docs/editors.md")
    (goto-char (point-min))
    (re-search-forward "^## Emacs (eglot)")
    (re-search-forward "^```elisp\n")
    (let ((start (point)))
      (re-search-forward "^```$")
      (buffer-substring start (match-beginning 0)))))

(defun pmlint-test-wait (predicate seconds)
  "Let timers and the server run until PREDICATE holds or SECONDS pass.
Batch Emacs is never idle: run the idle timers (eglot's didChange, flymake's check) as
a pausing user would."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (mapc #'timer-event-handler (copy-sequence timer-idle-list))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun pmlint-test-codes ()
  (string-join
   (sort (mapcar (lambda (d)
                   (format "%s@%d" (pmlint-test-code d)
                           (line-number-at-pos (flymake-diagnostic-beg d))))
                 (flymake-diagnostics))
         #'string<)
   " "))

(defun pmlint-test-code (diagnostic)
  "The LSP code of a flymake DIAGNOSTIC from eglot."
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)))))
    (plist-get lsp :code)))

(defun pmlint-test-find (code)
  (cl-find code (flymake-diagnostics) :key #'pmlint-test-code :test #'equal))

(defun pmlint-test-run ()
  (let ((file (or (getenv "PMLINT_EMACS_FILE") (error "PMLINT_EMACS_FILE is not set"))))
    (pmlint-test-check (executable-find "pmlint") "pmlint is on the PATH, as the snippet expects")
    ;; What an interactive Emacs does at startup: activate the installed packages
    ;; (Debian's elpa-* among them).
    (package-activate-all)
    (eval (car (read-from-string (format "(progn %s)" (pmlint-test-snippet)))) t)
    ;; Edit a copy in a fresh folder, whose .pmlint.toml asks for the sre-book profile:
    ;; the snippet's `eglot-workspace-configuration' (profile default) goes over it.
    (let* ((folder (make-temp-file "pmlint-emacs" t))
           (copy (expand-file-name (file-name-nondirectory file) folder)))
      (copy-file file copy)
      (with-temp-file (expand-file-name ".pmlint.toml" folder)
        (insert "profile = \"sre-book\"\n"))
      (find-file copy))
    (pmlint-test-check (derived-mode-p 'markdown-mode) "markdown-mode opens the postmortem")
    ;; `eglot-ensure' connects after the command that opened the file: run that hook as
    ;; the command loop would.
    (run-hooks 'post-command-hook)
    (pmlint-test-wait (lambda () (bound-and-true-p eglot--managed-mode)) 20)
    (let* ((server (eglot-current-server))
           (command (and server (process-command (jsonrpc--process server)))))
      (pmlint-test-check server "eglot starts a server for the buffer")
      ;; `eglot-alternatives' runs the first program found, by its full path.
      (pmlint-test-check (and (equal (file-name-nondirectory (car command)) "pmlint")
                              (equal (cdr command) '("lsp")))
                         (format "the server is pmlint: %S" command)))

    ;; Diagnostics on open: the example is still "In Review" long after the incident.
    (pmlint-test-wait (lambda () (pmlint-test-find "S007")) 20)
    (pmlint-test-check (pmlint-test-find "S007")
                       (format "S007 (stale draft) arrives: %s" (pmlint-test-codes)))
    (pmlint-test-wait (lambda () (not (pmlint-test-find "S001"))) 10)
    (pmlint-test-check (not (pmlint-test-find "S001"))
                       (format "the settings reach the server (no sre-book S001): %s"
                               (pmlint-test-codes)))

    ;; Apply "Disable S007 for this line" as a user would: M-x eglot-code-actions at the
    ;; diagnostic, then pick it from the menu.
    (let* ((stale (pmlint-test-find "S007"))
           (line (line-number-at-pos (flymake-diagnostic-beg stale)))
           offered)
      (goto-char (flymake-diagnostic-beg stale))
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt items &rest _)
                   (setq offered (mapcar #'car items))
                   "Disable S007 for this line"))
                ((symbol-function 'y-or-n-p) (lambda (&rest _) t)))
        ;; Not a mouse event: eglot asks through completing-read.
        (let ((last-nonmenu-event ?\r))
          (eglot-code-actions (point) (point) nil t)))
      (pmlint-test-check (member "Disable S007 for this line" offered)
                         (format "the quick fix is offered: %S" offered))
      (pmlint-test-check (equal offered (delete-dups (copy-sequence offered)))
                         "each action is offered once")
      (let ((text (save-excursion
                    (goto-char (point-min))
                    (forward-line (1- line))
                    (buffer-substring (line-beginning-position) (line-end-position)))))
        (pmlint-test-check (equal text "**Status:** In Review <!-- pmlint-disable-line S007 -->")
                           (format "the buffer has the comment: %s" text))))
    (pmlint-test-wait (lambda () (not (pmlint-test-find "S007"))) 20)
    (pmlint-test-check (not (pmlint-test-find "S007"))
                       (format "the disabled S007 is gone: %s" (pmlint-test-codes)))
    (eglot-shutdown (eglot-current-server))))

(condition-case err
    (progn
      (pmlint-test-run)
      (princ (format "%d passed, 0 failed\n" pmlint-test-passed))
      (kill-emacs 0))
  (error
   (princ (format "%d passed, 1 failed\n" pmlint-test-passed))
   (message "emacs test: %s" (error-message-string err))
   (kill-emacs 1)))
