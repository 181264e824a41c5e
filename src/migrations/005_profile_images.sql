-- Profile images, one per user, kept in PostgreSQL (durable, shared by every replica; never a pod's disk).
-- The content type is the sniffed one, never the client's label; sha256 is the ETag and busts caches via the URL.
CREATE TABLE profile_images (
  user_id      integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes        bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 2097152),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
