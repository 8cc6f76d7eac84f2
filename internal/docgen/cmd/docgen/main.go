// Command docgen rewrites the Args tables of every component README from the Args' doc comments
// (package docgen). `go generate ./...` runs it from the repository root:
//
//	go run ./internal/docgen/cmd/docgen components
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tenkstack/tenk/internal/docgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: docgen <components directory>")
		os.Exit(2)
	}
	readmes, err := filepath.Glob(filepath.Join(os.Args[1], "*", "README.md"))
	if err != nil || len(readmes) == 0 {
		fmt.Fprintf(os.Stderr, "docgen: no component README under %s\n", os.Args[1])
		os.Exit(1)
	}
	failed := false
	for _, readme := range readmes { // alerts and appconfig have none: their package docs list their Args
		if _, err := docgen.Render(filepath.Dir(readme)); err != nil {
			fmt.Fprintln(os.Stderr, "docgen:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
