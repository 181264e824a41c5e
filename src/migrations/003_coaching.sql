-- Coaching: gyms and their members, trainer profiles, trainer–client links.
-- Gym names are unique whatever their case.
CREATE TABLE gyms (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address       text NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  time_zone     text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
  contact_email text CHECK (length(contact_email) <= 254),
  contact_phone text CHECK (length(contact_phone) <= 40),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX gyms_name_ci ON gyms (lower(name));

-- The primary key on user_id is the rule "a member belongs to at most one gym".
CREATE TABLE gym_memberships (
  user_id    integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  gym_id     integer NOT NULL REFERENCES gyms (id) ON DELETE CASCADE,
  joined_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gym_memberships_gym ON gym_memberships (gym_id, joined_at);

-- A user with role 'trainer' has exactly one profile; demotion deletes it.
CREATE TABLE trainer_profiles (
  user_id        integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  bio            text NOT NULL DEFAULT '' CHECK (length(bio) <= 2000),
  specialties    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(specialties) <= 20),
  certifications text[] NOT NULL DEFAULT '{}' CHECK (cardinality(certifications) <= 20),
  gym_id         integer REFERENCES gyms (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trainer_profiles_gym ON trainer_profiles (gym_id);

-- Every request, acceptance and ending is kept as history: a link row is never reused, only moved
-- pending → active | declined | ended, active → ended.
CREATE TABLE coaching_links (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trainer_id   integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  initiated_by text NOT NULL CHECK (initiated_by IN ('trainer', 'client')),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'declined', 'ended')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  responded_at timestamptz,
  ended_at     timestamptz,
  ended_by     integer REFERENCES users (id) ON DELETE SET NULL,
  CHECK (trainer_id <> client_id)
);
-- One active trainer per client, and one open request per pair, enforced by the database so
-- concurrent accepts and invites cannot both win.
CREATE UNIQUE INDEX coaching_links_one_active_trainer ON coaching_links (client_id) WHERE status = 'active';
CREATE UNIQUE INDEX coaching_links_one_pending_pair ON coaching_links (trainer_id, client_id) WHERE status = 'pending';
CREATE INDEX coaching_links_trainer ON coaching_links (trainer_id, status, requested_at);
CREATE INDEX coaching_links_client ON coaching_links (client_id, status, requested_at);
