/**
 * Lua scripts that make each multi-key store step atomic in Redis. Redis runs a script without
 * interleaving any other command, so the capacity check and the insert cannot race across nodes.
 */

/**
 * KEYS: members hash, password key. ARGV: peerId, member JSON, capacity, expected password hash
 * ('' for none), password hash for a new room ('' for none).
 * Returns {'ok', hasPassword ('1'|'0'), ...other members' JSON} or {'full'} or {'password-changed'}.
 */
export const ADD_MEMBER = `
local exists = redis.call('EXISTS', KEYS[1])
local pw = redis.call('GET', KEYS[2]) or ''
if exists == 0 then
  redis.call('DEL', KEYS[2])
  pw = ARGV[5]
  if pw ~= '' then redis.call('SET', KEYS[2], pw) end
elseif pw ~= ARGV[4] then
  return {'password-changed'}
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return {'full'} end
local others = redis.call('HVALS', KEYS[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local result = {'ok', pw ~= '' and '1' or '0'}
for i = 1, #others do result[#result + 1] = others[i] end
return result
`;

/** KEYS: members hash, password key. ARGV: peerId. Returns the remaining members' JSON; deletes an emptied room. */
export const REMOVE_MEMBER = `
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2])
  return {}
end
return redis.call('HVALS', KEYS[1])
`;

/** KEYS: members hash. ARGV: peerId, new member JSON. Replaces the member only if present; returns 1 or 0. */
export const REPLACE_MEMBER = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** KEYS: session key, peer key, node conns set. ARGV: connId. Deletes the session, and the peer index if it still points here. */
export const DELETE_SESSION = `
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

/** KEYS: members hash. ARGV: peerId, connId. Re-points a member at a new connection; returns 1 or 0. */
export const MOVE_MEMBER = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local member = cjson.decode(raw)
member['connId'] = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(member))
return 1
`;

/** KEYS: online hash, names hash. ARGV: peerId, entry JSON, name key. Claims a unique name; 1, or 0 if taken. */
export const GO_ONLINE = `
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** KEYS: online hash, names hash. ARGV: peerId. Removes the entry and frees its name; 1, or 0 if absent. */
export const GO_OFFLINE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
if redis.call('HGET', KEYS[2], entry['nameKey']) == ARGV[1] then redis.call('HDEL', KEYS[2], entry['nameKey']) end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
`;

/** KEYS: online hash. ARGV: peerId, connId. Re-points a directory entry at a new connection. */
export const MOVE_ONLINE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
entry['connId'] = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 1
`;

/** KEYS: peer-calls hash, call key. ARGV: caller, callee, callId, call JSON. Both must be free. */
export const CREATE_CALL = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'caller-busy' end
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 'callee-busy' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], ARGV[4])
return 'ok'
`;

/** KEYS: call key. Ringing → active; returns the call JSON, or nil. */
export const ACTIVATE_CALL = `
local raw = redis.call('GET', KEYS[1])
if not raw then return nil end
local call = cjson.decode(raw)
if call['state'] ~= 'ringing' then return nil end
call['state'] = 'active'
local updated = cjson.encode(call)
redis.call('SET', KEYS[1], updated)
return updated
`;

/** KEYS: call key, peer-calls hash. Deletes the call and frees both people; returns its JSON, or nil. */
export const END_CALL = `
local raw = redis.call('GET', KEYS[1])
if not raw then return nil end
local call = cjson.decode(raw)
redis.call('DEL', KEYS[1])
for _, peer in ipairs({call['caller'], call['callee']}) do
  if redis.call('HGET', KEYS[2], peer) == call['id'] then redis.call('HDEL', KEYS[2], peer) end
end
return raw
`;

/**
 * KEYS: pending hash of a room. ARGV: peerId, entry JSON, cap, TTL (ms). Adds or replaces the
 * entry unless `cap` others are already pending; the hash's TTL is renewed as a backstop for
 * entries a dead node left behind. Returns 1 or 0.
 */
export const ADD_PENDING = `
local others = redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], ARGV[1])
if others >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;
