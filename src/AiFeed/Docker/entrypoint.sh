#!/bin/sh
# The container's entrypoint: a config folder without feeds.json (a fresh bind mount or volume) gets
# the catalog shipped in the image, so the first start has sources and the operator a file to edit.
# A folder the container cannot write is left alone and the shipped catalog is read in place.
set -eu

feeds="${Catalog__FeedsPath:-/config/feeds.json}"
shipped="${AIFEED_SHIPPED_CATALOG:-/app/catalog}"
config="$(dirname "$feeds")"

if [ ! -e "$feeds" ]; then
    if mkdir -p "$config" 2>/dev/null && cp "$shipped/feeds.json" "$feeds" 2>/dev/null; then
        cp "$shipped/feeds.schema.json" "$config/" 2>/dev/null || true
        echo "aifeed: $config had no $(basename "$feeds"): copied the shipped catalog there; edit it, changes apply while AiFeed runs"
    else
        echo "aifeed: $config has no $(basename "$feeds") and user $(id -u) cannot write there: reading the shipped catalog from $shipped; to edit it, make the folder writable (chown $(id -u) on the host) and restart" >&2
        export Catalog__FeedsPath="$shipped/feeds.json"
    fi
fi

exec "$@"
