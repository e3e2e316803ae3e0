-- The address book reads a batch of events inside PostgreSQL (lib/db/queries/movement.ts,
-- `aggregateAddressBatch`): this function turns an address text into the host address it names,
-- or NULL when it is not an address or names no host (loopback, unspecified, link-local,
-- multicast, broadcast), exactly as lib/movement/extract-addresses.ts does. IPv4 text is
-- checked by pattern; only other text reaches the exception block (a subtransaction).
CREATE FUNCTION "lateral_host_inet"(v TEXT) RETURNS INET LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  a INET;
  t TEXT := btrim(v);
BEGIN
  IF t IS NULL OR t = '' OR length(t) > 64 THEN RETURN NULL; END IF;
  IF position('%' IN t) > 0 THEN t := split_part(t, '%', 1); END IF;
  IF t ~* '^::ffff:' AND substr(t, 8) ~ '^[0-9.]+$' THEN t := substr(t, 8); END IF;
  IF t ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$' THEN
    a := t::inet;
  ELSIF t ~* '^[0-9a-f:.]+$' AND position(':' IN t) > 0 THEN
    BEGIN
      a := t::inet;
    EXCEPTION WHEN others THEN
      RETURN NULL;
    END;
  ELSE
    RETURN NULL;
  END IF;
  IF masklen(a) <> (CASE family(a) WHEN 4 THEN 32 ELSE 128 END) THEN RETURN NULL; END IF;
  IF family(a) = 4 AND (a << '127.0.0.0/8' OR a << '169.254.0.0/16' OR a << '224.0.0.0/4' OR a = '0.0.0.0' OR a = '255.255.255.255') THEN RETURN NULL; END IF;
  IF family(a) = 6 AND (a = '::1' OR a = '::' OR a << 'fe80::/10' OR a << 'ff00::/8') THEN RETURN NULL; END IF;
  RETURN a;
END
$$;
