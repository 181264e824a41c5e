-- Social: account privacy, follows (requests when the followee is private) and blocks.
-- Privacy settings live with the account: follow and feed queries join on them.
ALTER TABLE users
  ADD COLUMN is_private boolean NOT NULL DEFAULT false,
  ADD COLUMN default_visibility text NOT NULL DEFAULT 'private' CHECK (default_visibility IN ('private', 'followers', 'public'));

-- One row per (follower, followee): 'pending' is a request to a private account, 'accepted' a follow.
CREATE TABLE follows (
  follower_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status      text NOT NULL CHECK (status IN ('pending', 'accepted')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee ON follows (followee_id, status, created_at);

-- A block hides each from the other; creating one ends follows both ways (in the same transaction).
CREATE TABLE blocks (
  blocker_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);
