// Command provider serves tenk's components as a Pulumi component package, so programs in
// TypeScript, Python, C#, Java and YAML use them through `pulumi package add`. See README.md,
// "Use tenk from TypeScript, Python or YAML".
package main

//go:generate sh -c "go run ./internal/gen > components_gen.go"

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"
)

func main() {
	prov, err := Provider()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := p.RunProvider(context.Background(), Name, Version(), prov); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
