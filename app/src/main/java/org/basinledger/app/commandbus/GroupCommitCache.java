package org.basinledger.app.commandbus;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An aggregate cache that other threads see only committed state in. While a {@link GroupCommitCommandBus} batch
 * runs on a thread, that thread's changes to the cache (an aggregate its commands changed, or one they dropped)
 * are kept aside and read back by that thread alone; they reach the shared cache when the batch's transaction has
 * committed ({@link #publish()}), and are dropped with the entries they touched when it rolled back
 * ({@link #discard()}).
 *
 * <p>Why: in a batch each command's unit of work ends, and releases its aggregate's lock, before the shared
 * commit. Another thread (a deadline, an event processor) that then took the aggregate from a shared cache would
 * build on events that may still be rolled back. With this cache it reads the committed state instead, and its
 * append conflicts with the batch's uncommitted one on the (aggregate, sequence) key until the batch has ended.
 */
final class GroupCommitCache implements Cache {

    private static final Object REMOVED = new Object();

    private final Cache shared;
    private final ThreadLocal<Map<Object, Object>> pending = new ThreadLocal<>();

    GroupCommitCache(Cache shared) {
        this.shared = shared;
    }

    /** Keeps this thread's changes aside until {@link #publish()} or {@link #discard()}. */
    void begin() {
        pending.set(new HashMap<>());
    }

    /** The batch committed: its changes reach the shared cache. */
    void publish() {
        Map<Object, Object> changes = end();
        changes.forEach((key, value) -> {
            if (value == REMOVED) {
                shared.remove(key);
            } else {
                shared.put(key, value);
            }
        });
    }

    /** The batch rolled back: its changes are dropped, and so are the shared entries they touched. */
    void discard() {
        end().keySet().forEach(shared::remove);
    }

    private Map<Object, Object> end() {
        Map<Object, Object> changes = pending.get();
        pending.remove();
        return changes == null ? Map.of() : changes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> changes = pending.get();
        if (changes != null && changes.containsKey(key)) {
            Object value = changes.get(key);
            return value == REMOVED ? null : (V) value;
        }
        return shared.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> changes = pending.get();
        if (changes == null) {
            shared.put(key, value);
        } else {
            changes.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> changes = pending.get();
        if (changes == null) {
            return shared.putIfAbsent(key, value);
        }
        if (containsKey(key)) {
            return false;
        }
        changes.put(key, value);
        return true;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        if (pending.get() == null) {
            return shared.computeIfAbsent(key, valueSupplier);
        }
        T value = get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return value;
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        if (pending.get() == null) {
            shared.computeIfPresent(key, update);
            return;
        }
        V value = get(key);
        if (value != null) {
            V updated = update.apply(value);
            pending.get().put(key, updated == null ? REMOVED : updated);
        }
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> changes = pending.get();
        if (changes == null) {
            return shared.remove(key);
        }
        boolean present = containsKey(key);
        changes.put(key, REMOVED);
        return present;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> changes = pending.get();
        if (changes != null) {
            changes.clear();
        }
        shared.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> changes = pending.get();
        if (changes != null && changes.containsKey(key)) {
            return changes.get(key) != REMOVED;
        }
        return shared.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return shared.registerCacheEntryListener(cacheEntryListener);
    }
}
