// Package cdn provides StaticAssetsCdn (tenk:cdn:StaticAssetsCdn): a private S3 bucket served by
// CloudFront, optionally in front of the web tier's load balancer. With a DynamicOrigin it is the
// whole site's front door, not only the static assets': the web tier is the default origin and
// only the static path patterns go to the bucket. The name predates the dynamic origin and stays,
// in Go and in the type token, because the token is part of every child's URN: renaming it would
// replace the distribution and the bucket.
//
// The bucket is the one place static assets live: all four Block Public Access flags on, ACLs
// disabled (BucketOwnerEnforced), SSE-S3 encryption, versioning with a lifecycle for old versions,
// and one bucket policy that denies non-TLS requests and lets only this distribution read objects
// through Origin Access Control. CloudFront redirects HTTP to HTTPS, speaks HTTP/2 and HTTP/3 over
// IPv4 and IPv6, compresses, and adds security headers.
//
// Given a DynamicOrigin (the web tier's ALB, public or internal through a CloudFront VPC origin),
// the default behaviour goes to the ALB uncached and the static path patterns go to the bucket, so
// viewers only ever talk to CloudFront. Given a CustomDomain, it issues and DNS-validates an ACM
// certificate in us-east-1 and points A/AAAA alias records at the distribution. Access logs use
// CloudFront standard logging v2 (no ACL-enabled bucket), and a local directory can be uploaded
// with correct content types.
package cdn
