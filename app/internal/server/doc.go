// Package server is the application's HTTP side: the page that does real work on every tier,
// the guestbook form, /static/, the shallow health check for the load balancer, the deep check
// for people and probes, one JSON log line per request, and a graceful shutdown.
package server
