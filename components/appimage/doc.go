// Package appimage provides ImageBuild (tenk:app:ImageBuild): the application's container image
// built from a Docker build context in the user's repository, pushed to an ECR repository the
// component creates (encrypted, scan on push, immutable tags, a lifecycle rule keeping the last
// releases), and published as a reference pinned by digest for webtier.ContainerImage. It is its
// own package so that embedders of the web tier never compile the Docker build provider's SDK.
//
// The build runs in the pulumi-docker-build provider (v0.0.22) during `pulumi up`, through the
// Docker daemon (or a BuildKit builder) of the machine running it; a preview never builds
// (buildOnPreview is false), so it needs no Docker.
package appimage
