package main

import "fmt"

// LoginURL is the DIY backend URL for a state bucket: the region is explicit so the CLI never
// guesses it from the environment, and awssdk=v2 selects the AWS SDK v2 client (Pulumi docs,
// "Using a DIY backend": AWS S3).
func LoginURL(bucket, region string) string {
	return fmt.Sprintf("s3://%s?region=%s&awssdk=v2", bucket, region)
}

// SecretsProvider is the --secrets-provider value for a KMS alias (Pulumi docs, "Secrets
// encryption": awskms://alias/<name>?region=<region>).
func SecretsProvider(alias, region string) string {
	return fmt.Sprintf("awskms://%s?region=%s", alias, region)
}

// E2EBackendURL is the DIY backend URL of the acceptance test's stacks: the same bucket, under
// its E2EStatePrefix folder.
func E2EBackendURL(bucket, region string) string {
	return fmt.Sprintf("s3://%s/%s?region=%s&awssdk=v2", bucket, E2EStatePrefix, region)
}
