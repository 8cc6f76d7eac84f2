// Package probe is the client side of the reference application's contract, for the acceptance
// test (e2e/) and anyone probing a deployed stack: the deep check's JSON (GET /checks) with a
// checker that says what is wrong, a survey that asks until it has heard from every instance,
// and a session probe that follows one cookie across requests landing on different instances.
//
// It imports only the standard library, so importing it adds nothing to a module graph.
package probe
