// Command tenk is the Pulumi program for the tenk stacks; `pulumi up -s dev` runs it. Its binary
// is named after the module ("tenk"); the offline tool is cmd/tenkctl.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/stacks"
)

func main() {
	pulumi.Run(stacks.Run)
}
