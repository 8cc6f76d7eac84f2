// Package configschema is the engine behind tenk's stack configuration: it reads `tenk:` keys into
// a root config whose sections are component Args, so the Args are the only schema.
//
// A stack declares top-level keys (TopKey) and sections (Section); each section setting is one
// Row binding a key ("availabilityZoneCount") to a field path of the root ("Network.AvailabilityZoneCount").
// From the rows the engine decodes a stack file onto a baseline (Decode), rejects unknown keys with
// the closest valid one, replaces baseline values that do not hold for the engine or mode the stack
// picks (Rebase, from the sections' Variants), translates the components' field errors into keys
// and rejects a written value the component would read as unset (Check), and renders the
// documentation: the README's tables and Pulumi.yaml's descriptions (docs.go).
//
// The engine knows nothing of tenk's components: package stacks holds the tables.
package configschema
