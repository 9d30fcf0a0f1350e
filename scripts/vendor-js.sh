#!/usr/bin/env bash
# Re-fetches the JavaScript that `newsgraph export --format html` inlines into
# its pages (Cytoscape.js) from the npm registry, checks each tarball against the
# integrity the registry publishes, and copies the one file the page needs and
# the package's licence into vendor/PACKAGE/. Change a version and its
# integrity together, then run this and the browser test (tests/browser.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
# package version integrity file-in-package
packages=(
  "cytoscape 3.34.4 sha512-msY99tMY8iWTg+sIPGfSqDcPNOt4xcj+v/K/7qUFaCUxxlqnMkUYLBjRUzn9W5CU/R2hrmtJa5+UtovrEM2ctg== dist/cytoscape.min.js"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for line in "${packages[@]}"; do
  read -r name version integrity file <<<"$line"
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
  tarball="$work/$name-$version.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "integrity mismatch for $name@$version: $actual" >&2
    exit 1
  fi
  mkdir -p "$work/$name" "vendor/$name"
  tar xzf "$tarball" -C "$work/$name"
  cp "$work/$name/package/$file" "vendor/$name/$(basename "$file")"
  cp "$work/$name/package/LICENSE" "vendor/$name/LICENSE"
  echo "vendor/$name/$(basename "$file") $(sha256sum "vendor/$name/$(basename "$file")" | cut -d' ' -f1)"
done
