package server

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/sessions"
	"github.com/tenkstack/tenk/app/probe"
)

// fragmentKey is the cache key of the rendered guestbook list.
const fragmentKey = "tenk:fragment:guestbook:v1"

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tenk reference application</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header><img src="/static/logo.svg" alt=""><h1>tenk reference application</h1></header>
<p class="muted">Answered by {{.Instance}}.</p>
<div class="tiers">
<div class="tier"><h2>Database</h2>{{.Visits}} visits in all (a counter on the writer).</div>
<div class="tier"><h2>Session</h2>{{if .Session.ID}}Request {{.Session.Views}} of your session, kept in DynamoDB until {{.Session.Expires.UTC.Format "15:04 MST"}}.{{else}}Sessions are unavailable right now.{{end}}</div>
<div class="tier"><h2>Cache</h2>{{if .FromCache}}The guestbook below came from the cache.{{else}}The guestbook below was read from {{.ReadFrom}} and cached for {{.TTL}}.{{end}}</div>
</div>
<h2>Guestbook</h2>
{{.Fragment}}
<form method="post" action="/guestbook">
<input name="author" placeholder="Your name" maxlength="60" required>
<textarea name="message" placeholder="Say hello" maxlength="500" required></textarea>
<button>Sign</button></form>
</body></html>
`))

var fragmentTmpl = template.Must(template.New("fragment").Parse(`<ul>{{range .Entries}}<li><strong>{{.Author}}</strong>: {{.Message}} <span class="muted">{{.At.UTC.Format "2006-01-02 15:04"}}</span></li>{{else}}<li class="muted">No entries yet.</li>{{end}}</ul>
<p class="muted">Rendered {{.At.UTC.Format "15:04:05"}}.</p>`))

type pageData struct {
	Instance  string
	Visits    int64
	Session   sessions.Session
	Fragment  template.HTML
	FromCache bool
	ReadFrom  string
	TTL       time.Duration
}

// page does one piece of real work on each tier: the session in DynamoDB, the visit counter on
// the database's writer, and the guestbook list read from a replica and cached. A database
// failure is a 503 (the page's core); a session or cache failure degrades the page and is
// logged (the deep check names it).
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set(probe.InstanceHeader, s.d.Instance)
	d := pageData{Instance: s.d.Instance, TTL: s.d.FragmentTTL, ReadFrom: "a replica"}
	if len(s.d.DB.Endpoints()) == 1 {
		d.ReadFrom = "the writer (no replicas)"
	}

	d.Session = s.visitSession(w, r)
	visits, err := s.d.DB.CountVisit(ctx)
	if err != nil {
		s.unavailable(w, r, "database", err)
		return
	}
	d.Visits = visits
	frag, fromCache, err := s.fragment(ctx)
	if err != nil {
		s.unavailable(w, r, "database", err)
		return
	}
	d.Fragment, d.FromCache = template.HTML(frag), fromCache // rendered by fragmentTmpl, escaped there

	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, d); err != nil {
		s.unavailable(w, r, "template", err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// visitSession resumes the cookie's session (or starts one) and refreshes the cookie.
func (s *Server) visitSession(w http.ResponseWriter, r *http.Request) sessions.Session {
	ctx := r.Context()
	key, err := s.d.Signer.Key(ctx)
	if err != nil {
		s.d.Log.WarnContext(ctx, "sessions unavailable", "error", err.Error())
		return sessions.Session{}
	}
	id := ""
	if c, err := r.Cookie(sessions.CookieName); err == nil {
		id, _ = sessions.Verify(key, c.Value) // a forged or stale cookie starts a new session
	}
	sess, err := s.d.Sessions.Visit(ctx, id)
	if err != nil {
		s.d.Log.WarnContext(ctx, "sessions unavailable", "error", err.Error())
		return sessions.Session{}
	}
	http.SetCookie(w, sessions.Cookie(key, sess))
	w.Header().Set(probe.SessionViewsHeader, strconv.FormatInt(sess.Views, 10))
	return sess
}

// fragment returns the guestbook list from the cache, or renders it from the database and
// caches it for FragmentTTL. A cache failure falls through to the database.
func (s *Server) fragment(ctx context.Context) (string, bool, error) {
	if v, ok, err := s.d.Cache.Get(ctx, fragmentKey); err != nil {
		s.d.Log.WarnContext(ctx, "cache unavailable, reading the database", "error", err.Error())
	} else if ok {
		return v, true, nil
	}
	entries, err := s.d.DB.Recent(ctx, 20)
	if err != nil {
		return "", false, err
	}
	var buf bytes.Buffer
	if err := fragmentTmpl.Execute(&buf, struct {
		Entries []database.Entry
		At      time.Time
	}{entries, time.Now()}); err != nil {
		return "", false, err
	}
	if err := s.d.Cache.Set(ctx, fragmentKey, buf.String(), s.d.FragmentTTL); err != nil {
		s.d.Log.WarnContext(ctx, "cache unavailable, fragment not cached", "error", err.Error())
	}
	return buf.String(), false, nil
}

// sign adds a guestbook entry on the writer and drops the cached fragment, so the author sees
// it (readers on a lagging replica may not, for a moment).
func (s *Server) sign(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	author := strings.TrimSpace(r.PostFormValue("author"))
	message := strings.TrimSpace(r.PostFormValue("message"))
	if n := utf8.RuneCountInString(author); n < 1 || n > 60 {
		http.Error(w, "author: 1 to 60 characters", http.StatusBadRequest)
		return
	}
	if n := utf8.RuneCountInString(message); n < 1 || n > 500 {
		http.Error(w, "message: 1 to 500 characters", http.StatusBadRequest)
		return
	}
	if err := s.d.DB.Sign(r.Context(), author, message); err != nil {
		s.unavailable(w, r, "database", err)
		return
	}
	if err := s.d.Cache.Delete(r.Context(), fragmentKey); err != nil {
		s.d.Log.WarnContext(r.Context(), "cache unavailable, fragment expires by TTL", "error", err.Error())
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// unavailable answers 503 with a retry hint and logs the cause (not shown to the viewer).
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, tier string, err error) {
	s.d.Log.ErrorContext(r.Context(), tier+" unavailable", "error", err.Error())
	w.Header().Set("Retry-After", "5")
	http.Error(w, "The "+tier+" is unavailable right now; please retry in a few seconds.", http.StatusServiceUnavailable)
}
