// Command tenk is tenk's offline tool: `tenk plan -s prod` previews a stack under Pulumi mocks
// with its monthly cost, diagram and diff. See "tenk plan" in the repository README.
package main

import (
	"os"

	"github.com/tenkstack/tenk/internal/plan"
)

func main() {
	os.Exit(plan.Main(os.Args[1:], os.Stdout, os.Stderr))
}
