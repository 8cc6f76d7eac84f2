// Package static holds the files served under /static/. In a stack, CloudFront serves
// /static/* from the assets bucket and never asks the application, so upload them there
// (README, "The reference application"); the application serves the same files itself for
// local runs and for requests that reach it directly.
package static

import "embed"

// FS holds app.css and logo.svg.
//
//go:embed app.css logo.svg
var FS embed.FS
