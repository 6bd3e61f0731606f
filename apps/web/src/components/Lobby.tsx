import type { Room } from '@confab/client';
import { startTransition, useEffect, useId, useState, type FormEvent } from 'react';
import { useConnection } from '../hooks/connection-context.js';
import { useConnectionState } from '../hooks/useConnectionState.js';
import { useT } from '../i18n/i18n-context.js';
import { text, type Text } from '../i18n/text.js';
import { useJoin, type JoinMode } from '../hooks/useJoin.js';
import { useLocalMedia } from '../hooks/useLocalMedia.js';
import { usePrepare } from '../hooks/usePrepare.js';
import { usePreparedPeople } from '../hooks/usePreparedPeople.js';
import { DISPLAY_NAME_MAX, displayNameProblem, loadName, saveName } from '../lib/display-name.js';
import { markJoinClick } from '../lib/marks.js';
import { presentPeople } from '../lib/present-people.js';
import { normalizeRoomInput, slugifyRoomName } from '../lib/room-name.js';
import { hasTurnServer, loadRelayOnly, saveRelayOnly } from '../lib/relay-only.js';
import { CALL_PATH } from '../lib/call-route.js';
import { CHECK_PATH, roomLink } from '../lib/route.js';
import { ConnectionLost } from './ConnectionLost.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LobbyDevices } from './LobbyDevices.js';
import { LocalPreview } from './LocalPreview.js';
import { MediaProblemAlert } from './MediaProblemAlert.js';
import { RelayOnlySetting } from './RelayOnlySetting.js';

export interface LobbyProps {
  /** The room to prefill: from the URL, or a generated name. */
  room: string;
  /** Start the camera on mount (the default), or only on Join (`?cold=1`, for the benchmark). */
  eager: boolean;
  onJoined: (room: Room, stream: MediaStream | null) => void;
}

/**
 * The prejoin screen. On mount it starts the camera and (through the connection provider) the
 * signaling connection in parallel, so that Join only has to send `join`.
 */
export function Lobby({ room: initialRoom, eager, onJoined }: LobbyProps) {
  const t = useT();
  const connection = useConnection();
  const connectionState = useConnectionState();
  const { media, state: mediaState } = useLocalMedia(eager);
  const { join, joining, error: joinError } = useJoin({ connection, media, onJoined });
  const [name, setName] = useState(loadName);
  const [room, setRoom] = useState(initialRoom);
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<Text | null>(null);
  const [relayOnly, setRelayOnly] = useState(loadRelayOnly);
  // Until the server has answered, assume it has a relay; without one, relay only would connect nobody.
  const relayAvailable = connectionState.status !== 'open' || hasTurnServer(connectionState.client.iceServers);
  const errorId = useId();
  // The password the preparation uses: the field's value once it loses focus (see usePrepare).
  const [committedPassword, setCommittedPassword] = useState('');
  const useRelay = relayOnly && relayAvailable;
  const prepare = usePrepare({
    connection: connectionState,
    room: slugifyRoomName(room),
    name: displayNameProblem(name) ? null : name.trim(),
    password: committedPassword,
    iceTransportPolicy: useRelay ? 'relay' : undefined,
    camera: mediaState.status === 'ready' ? mediaState.stream.getVideoTracks()[0] : undefined,
  });
  const people = usePreparedPeople(connectionState.status === 'open' ? connectionState.client : null, prepare);
  const present = people ? presentPeople(people) : null;

  // Back/Forward to another /r/<room> while in the lobby.
  useEffect(() => setRoom(initialRoom), [initialRoom]);

  function start(mode: JoinMode) {
    markJoinClick();
    const problem = displayNameProblem(name);
    const roomName = slugifyRoomName(room);
    if (problem) {
      setFormError(problem);
      return;
    }
    if (roomName === '') {
      setFormError(text('errors.room.empty'));
      return;
    }
    // Not urgent: rendered after the `join` message has left (see useJoin).
    startTransition(() => {
      setFormError(null);
      setRoom(roomName);
    });
    saveName(name);
    void join(mode, roomName, name.trim(), {
      ...(useRelay ? { iceTransportPolicy: 'relay' as const } : {}),
      ...(password ? { password } : {}),
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    start(mediaState.status === 'failed' ? 'none' : 'media');
  }

  const slug = slugifyRoomName(room);
  const error = formError ?? joinError;
  const unreachable = connectionState.status === 'unreachable';
  const lost = connectionState.status === 'lost';
  const reconnecting = connectionState.status === 'reconnecting';
  const status = joining
    ? t('lobby.joining')
    : connectionState.status === 'connecting'
      ? t('lobby.connecting')
      : reconnecting
        ? t('lobby.reconnecting')
        : null;

  return (
    <>
      <header className="page-header">
        <LanguageSwitch />
      </header>
      <main className="lobby">
        <section className="lobby-card">
          <div className="lobby-media">
            <LocalPreview state={mediaState} />
            <LobbyDevices state={mediaState} />
          </div>
          <form
            className="join-form"
            onSubmit={onSubmit}
            noValidate
            aria-describedby={error ? errorId : undefined}
            data-prepare={prepare}
          >
            <h1 className="brand">Confab</h1>
            <p className="tagline">{t('lobby.tagline')}</p>

            <label className="field">
              <span>{t('lobby.name')}</span>
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="nickname"
                maxLength={DISPLAY_NAME_MAX}
                enterKeyHint="go"
                autoFocus={name === ''}
                aria-invalid={formError !== null && displayNameProblem(name) !== null}
              />
            </label>

            <label className="field">
              <span>{t('lobby.room')}</span>
              <input
                value={room}
                onChange={(e) => setRoom(normalizeRoomInput(e.target.value))}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                enterKeyHint="go"
              />
            </label>
            <p className="hint">{slug ? t('lobby.link', { link: roomLink(location.host, slug) }) : t('lobby.roomHint')}</p>
            {prepare === 'full' && (
              <p className="hint" role="status">
                {t('lobby.roomFull')}
              </p>
            )}
            {present && (
              <p className="hint" role="status" data-testid="lobby-people">
                {t(present.key, present.params)}
              </p>
            )}

            <label className="field">
              <span>{t('lobby.password')}</span>
              <input
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                onBlur={() => setCommittedPassword(password)}
                autoComplete="off"
                maxLength={128}
                enterKeyHint="go"
              />
            </label>
            <p className="hint">{t('lobby.passwordHint')}</p>

            {error && (
              <p id={errorId} className="error" role="alert">
                {t(error.key, error.params)}
              </p>
            )}
            {mediaState.status === 'failed' && (
              <MediaProblemAlert
                problem={mediaState.problem}
                busy={joining !== null}
                onAudioOnly={() => start('audio-only')}
                onNoMedia={() => start('none')}
              />
            )}

            <RelayOnlySetting
              checked={relayOnly}
              available={relayAvailable}
              onChange={(on) => {
                setRelayOnly(on);
                saveRelayOnly(on);
              }}
            />

            {/* While joining it is aria-disabled, not disabled: disabling the focused button makes the
                browser move focus and restyle in the click's own frame (11-19 ms in the join bench),
                and a second press is ignored anyway (useJoin). */}
            <button
              type="submit"
              className="pill primary join"
              disabled={unreachable || lost || reconnecting}
              aria-disabled={joining !== null || undefined}
            >
              {t('lobby.join')}
            </button>
            {status && (
              <p className="status" role="status">
                {status}
              </p>
            )}
            <p className="lobby-links">
              <a href={CHECK_PATH}>{t('lobby.checkConnection')}</a>
              {' · '}
              <a href={CALL_PATH}>{t('lobby.callDirectly')}</a>
            </p>
          </form>
        </section>
        {(unreachable || lost) && <ConnectionLost neverConnected={unreachable} />}
      </main>
    </>
  );
}
