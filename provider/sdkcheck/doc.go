// Package sdkcheck generates tenk's SDKs from provider/schema.json with Pulumi's own generators
// (github.com/pulumi/pulumi/pkg/v3 codegen at the version pinned in go.mod, the code `pulumi
// package add` runs) and checks the examples against them as a user's toolchain would: tsc
// --strict with the real @pulumi/pulumi and @pulumi/aws for TypeScript, a Go build of the Go SDK,
// and for Python a syntax and name check, plus pyright where the Pulumi Python SDK is at hand.
//
// It is a Go module of its own: pkg/v3 needs newer gRPC and OpenTelemetry than the root module
// pins, and inside provider/'s module graph that would rebuild every pulumi-aws package the
// provider compiles. Here only the generators compile.
package sdkcheck
