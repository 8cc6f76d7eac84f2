package main

// `go generate ./...` from the repository root regenerates every generated file; `.ci/run` fails
// when one is stale. The stacks' config docs (README tables, Pulumi.yaml descriptions) have their
// directive in stacks/doc.go; the two here cover the component READMEs' Args tables and the
// multi-language package (provider/ is its own module, which `./...` does not enter): its wire
// code and schema.json.

//go:generate go run ./internal/docgen/cmd/docgen components
//go:generate sh -c "cd provider && go generate ./... && go test -run TestSchemaGolden -update . > /dev/null"
