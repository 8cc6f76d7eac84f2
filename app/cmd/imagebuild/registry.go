package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/registry"
)

// localRegistry is an in-process registry on a loopback port.
type localRegistry struct {
	// ref is the push target on it: "127.0.0.1:PORT/<repository>:<tag>".
	ref    string
	server *http.Server
}

// startRegistry serves a registry on 127.0.0.1 (a free port) for pushing repoTag, a repository
// and tag without a registry host ("tenk/app:v1").
func startRegistry(repoTag string) (*localRegistry, error) {
	if first, _, ok := strings.Cut(repoTag, "/"); ok && strings.ContainsAny(first, ".:") || !strings.Contains(repoTag, ":") {
		return nil, fmt.Errorf("--push %q with --local-registry: give a repository and tag without a registry host, such as tenk/app:v1", repoTag)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("--local-registry: %w", err)
	}
	srv := &http.Server{Handler: registry.New(registry.Logger(log.New(io.Discard, "", 0)))}
	go func() { _ = srv.Serve(ln) }() // returns when closed
	return &localRegistry{ref: ln.Addr().String() + "/" + repoTag, server: srv}, nil
}

// serveUntilEOF keeps the registry up, so the caller can pull from it, until stdin closes.
func (r *localRegistry) serveUntilEOF(stdin io.Reader, stderr io.Writer) {
	if stdin == nil {
		return
	}
	fmt.Fprintf(stderr, "serving %s until stdin closes\n", r.ref)
	_, _ = io.Copy(io.Discard, stdin)
}

func (r *localRegistry) close() { _ = r.server.Close() }
