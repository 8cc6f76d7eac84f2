// Command bootstrap is a separate Pulumi program that creates what tenk's stacks need to share
// state: an S3 bucket for Pulumi's DIY backend, a KMS key for its awskms:// secrets provider and,
// optionally, the GitHub OIDC roles CI assumes (deploy, preview, drift, e2e). README "Team setup" walks through it.
package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

func main() { pulumi.Run(Run) }
