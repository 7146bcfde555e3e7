package io.signalbox.gateway.limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Units of a limit that this replica has already counted in the rate-limit store and hands out itself, so that a busy
 * key does not cost a store call on every request. When a request finds the lease short, the store call that admits
 * it also counts ahead: about {@code limits-lease-horizon} of this replica's recent use of the window, at most four
 * times what the lease served since its last refill, and at most half of what the window has left (the store caps
 * that, see {@code rate-limit.lua}). A quiet key, a request now and then, or a window near its limit gets only what
 * the request needs, so it is checked in the store every time, as without leases.
 *
 * <p>The limit still holds across replicas: a unit is counted in the store before any replica hands it out. The
 * price is that units one replica holds cannot be used by the others until it hands them out or gives them back,
 * at the latest when their minute ends (with the next settlement run) or at shutdown. The use reported in the
 * {@code x-ratelimit-remaining-*} headers of a request served from a lease is the store's figure at the last refill
 * plus what this replica has handed out since.
 */
@Component
class LimitLeases {

    /** Where unused units go back to: their minute's counter in the store. */
    @FunctionalInterface
    interface Returns {

        void giveBack(String tenantId, String bucket, long minute, long units);
    }

    /**
     * What a request took from a lease, and what it still needs from the store.
     *
     * @param taken units handed out from the lease
     * @param need units the store must still grant ({@code cost - taken})
     * @param usedBefore the window's use before this request, as this replica knows it
     * @param want units to ask the store for ({@code >= need}) unless covered
     * @param covered whether the lease served the request, so that no store call is needed
     * @param refill whether this claim's store call is the lease's one refill in flight (it asks for more than
     *     its need); other claims meanwhile ask only for their need, so concurrent requests do not stack leases
     */
    record Claim(Lease lease, long minute, long taken, long need, long usedBefore, long want, boolean covered,
            boolean refill) {

        long cost() {
            return taken + need;
        }
    }

    private record WindowId(String tenantId, String owner, String kind) {
    }

    private static final long IDLE_MILLIS = 2 * RateLimiter.WINDOW_MILLIS;

    private final Map<WindowId, Lease> leases = new ConcurrentHashMap<>();

    private final Clock clock;

    private final long horizonMillis;

    LimitLeases(Clock clock, GatewayProperties properties) {
        this.clock = clock;
        this.horizonMillis = properties.limitsLeaseHorizon().toMillis();
    }

    /**
     * Takes what the window's lease holds for this request, up to its cost; units left from an earlier minute go
     * back first.
     */
    Claim claim(String tenantId, LimitWindow window, long minute, Returns returns) {
        WindowId id = new WindowId(tenantId, window.owner(), window.kind());
        while (true) {
            Lease lease = leases.computeIfAbsent(id, Lease::new);
            Claim claim = lease.claim(minute, window.cost(), clock.millis(), horizonMillis, returns);
            if (claim != null) {
                return claim;
            }
            leases.remove(id, lease); // evicted between the lookup and the claim: a new lease takes its place
        }
    }

    /** Puts the units of a claim back: its request was refused, or the store could not be asked. */
    void release(Claim claim, Returns returns) {
        claim.lease().release(claim, returns);
    }

    /**
     * Adds what the store granted beyond the request's need to the lease.
     *
     * @param usedInStore the window's use as the store counted it before granting
     * @return the window's use before this request, without the units this replica holds
     */
    long granted(Claim claim, long usedInStore, long granted, Returns returns) {
        return claim.lease().granted(claim, usedInStore, granted, clock.millis(), returns);
    }

    /**
     * Gives back what a store call counted for a request that no longer takes it: the request was cancelled, or
     * was let through unchecked when the store answered too late.
     */
    void abandoned(Claim claim, long units, Returns returns) {
        claim.lease().abandoned(claim, units, returns);
    }

    /** Gives back units of minutes that have ended, and forgets windows no request has used for two minutes. */
    void retire(long currentMinute, Returns returns) {
        long now = clock.millis();
        leases.values().forEach(lease -> {
            if (lease.retire(currentMinute, now, returns)) {
                leases.remove(lease.id, lease);
            }
        });
    }

    /**
     * Gives back every unit held, the current minute's too, and closes every lease: this replica stops handing
     * units out, and a grant that arrives later goes straight back.
     */
    void retireAll(Returns returns) {
        leases.values().forEach(lease -> {
            lease.close(returns);
            leases.remove(lease.id, lease);
        });
    }

    /** How many windows this replica keeps a lease for. */
    int size() {
        return leases.size();
    }

    /** Units held for the window, for tests. */
    long held(String tenantId, LimitWindow window) {
        Lease lease = leases.get(new WindowId(tenantId, window.owner(), window.kind()));
        return lease == null ? 0 : lease.held();
    }

    static String bucket(String tenantId, String owner, String kind, long minute) {
        // a tenant's keys share a hash tag, so that a check stays on one Redis Cluster shard
        return "sb:rl:{" + tenantId + "}:" + owner + ":" + kind + ":" + minute;
    }

    /** One window's lease on this replica. Guarded by its own monitor; every section is short. */
    static final class Lease {

        private final WindowId id;

        private long minute = Long.MIN_VALUE;

        private long remaining;

        /** The window's use as last reported by the store, plus what this replica handed out since. */
        private long usedEstimate;

        private long refilledAt;

        private long servedSinceRefill;

        private long lastUse;

        /** Whether the store has reported the window's use in this minute yet. */
        private boolean reported;

        /** The refill in flight (a store call asking for more than its request needs), if any. */
        private @Nullable Claim refilling;

        private boolean evicted;

        Lease(WindowId id) {
            this.id = id;
        }

        synchronized Claim claim(long minute, long cost, long now, long horizonMillis, Returns returns) {
            if (evicted) {
                return null;
            }
            lastUse = now;
            if (minute < this.minute) {
                // read the clock just before another request moved the lease on: checked in the store alone
                return new Claim(this, minute, 0, cost, 0, cost, false, false);
            }
            if (minute != this.minute) {
                giveBackRemaining(returns);
                this.minute = minute;
                usedEstimate = 0;
                reported = false;
            }
            long taken = Math.min(remaining, cost);
            remaining -= taken;
            long need = cost - taken;
            long usedBefore = usedEstimate;
            if (need == 0 && reported) {
                usedEstimate += cost;
                servedSinceRefill += cost;
                return new Claim(this, minute, taken, 0, usedBefore, 0, true, false);
            }
            long want = refilling != null ? need : want(need, now, horizonMillis);
            Claim claim = new Claim(this, minute, taken, need, usedBefore, want, false, want > need);
            if (claim.refill()) {
                refilling = claim;
            }
            return claim;
        }

        /** This replica's recent rate over the horizon, growing at most fourfold per refill; never below need. */
        private long want(long need, long now, long horizonMillis) {
            if (horizonMillis <= 0 || servedSinceRefill == 0) {
                return need;
            }
            long elapsed = Math.max(1, now - refilledAt);
            long atRate = servedSinceRefill * horizonMillis / elapsed;
            long capped = Math.min(atRate, 4 * servedSinceRefill);
            return Math.max(need, capped);
        }

        /** The request will not use what it claimed: refused, or let through unchecked. */
        synchronized void release(Claim claim, Returns returns) {
            endRefill(claim);
            boolean current = claim.minute() == minute && !evicted;
            if (current && claim.covered()) {
                usedEstimate -= claim.cost();
                servedSinceRefill -= claim.cost();
            }
            if (claim.taken() == 0) {
                return;
            }
            if (current) {
                remaining += claim.taken();
            }
            else {
                returns.giveBack(id.tenantId(), bucket(claim.minute()), claim.minute(), claim.taken());
            }
        }

        synchronized long granted(Claim claim, long usedInStore, long granted, long now, Returns returns) {
            endRefill(claim);
            long extra = granted - claim.need();
            // the store's figure counts the units this replica holds and the ones this request took from its lease
            long usedBefore = Math.max(0, usedInStore - remaining - claim.taken());
            if (claim.minute() != minute || evicted) {
                if (extra > 0) {
                    returns.giveBack(id.tenantId(), bucket(claim.minute()), claim.minute(), extra);
                }
                return usedBefore;
            }
            remaining += extra;
            reported = true;
            usedEstimate = usedBefore + claim.cost();
            refilledAt = now;
            servedSinceRefill = claim.cost();
            return usedBefore;
        }

        synchronized void abandoned(Claim claim, long units, Returns returns) {
            endRefill(claim);
            if (units > 0) {
                returns.giveBack(id.tenantId(), bucket(claim.minute()), claim.minute(), units);
            }
        }

        private void endRefill(Claim claim) {
            if (refilling == claim) {
                refilling = null;
            }
        }

        /** Returns true when the lease is idle and evicted. */
        synchronized boolean retire(long currentMinute, long now, Returns returns) {
            if (minute < currentMinute) {
                giveBackRemaining(returns);
            }
            if (remaining == 0 && now - lastUse > IDLE_MILLIS) {
                evicted = true;
            }
            return evicted;
        }

        synchronized void close(Returns returns) {
            giveBackRemaining(returns);
            evicted = true;
        }

        synchronized long held() {
            return remaining;
        }

        private void giveBackRemaining(Returns returns) {
            if (remaining > 0) {
                returns.giveBack(id.tenantId(), bucket(minute), minute, remaining);
                remaining = 0;
            }
        }

        private String bucket(long minute) {
            return LimitLeases.bucket(id.tenantId(), id.owner(), id.kind(), minute);
        }
    }
}
