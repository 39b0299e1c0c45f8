// Package web holds the agent's web UI, built, so that a plain go build
// embeds it without Node.
//
// The sources are web/src (TypeScript, built with Vite); web/dist is their
// build and is committed. After changing anything under web/src,
// web/index.html or the npm dependencies, rebuild and commit dist with it:
//
//	cd web && npm ci && npm run build
//
// The build is reproducible (fixed file names, no source maps, no
// timestamps), and CI rebuilds it and fails when dist differs from the
// sources. This package serves nothing itself: the API package mounts Dist
// next to the API.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI with index.html at its root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "dist" is a constant.
		panic(err)
	}
	return sub
}
