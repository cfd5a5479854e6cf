package io.catalogingest.gateway.release;

import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.security.Caller;

/**
 * Ownership inside a workspace (ADR 0023): a user sees and changes the releases they own (Royalti's TenantUserId, set
 * when the release is created and never changed); an admin, or any role above it, every release of the workspace. A
 * release the caller may not see reads as unknown (404); a change to another user's release is refused with 403, as
 * Royalti documents it. The gateway decides, before a command leaves, because only it has the token's roles and the
 * owner a release was created with stays its owner.
 */
@Component
class ReleaseAccess {

    private final ReleaseAccessDao releases;

    ReleaseAccess(Jdbi jdbi) {
        this.releases = jdbi.onDemand(ReleaseAccessDao.class);
    }

    /** The owner the caller's reads are limited to: null (every owner) for an admin, the caller otherwise. */
    static String scope(Caller caller) {
        return caller.isAdmin() ? null : caller.subject();
    }

    /** Whether the caller may see and change a release of the workspace that {@code ownerId} owns. */
    static boolean sees(Caller caller, String ownerId) {
        return caller.isAdmin() || caller.subject().equals(ownerId);
    }

    /** The release the caller may see: 404 when it is unknown, another workspace's or another user's. */
    ReleaseAccessDao.Row visible(Caller caller, String id) {
        return Ids.uuid(id).flatMap(releaseId -> releases.find(caller.tenantId(), releaseId))
                .filter(release -> sees(caller, release.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Release"));
    }

    /** The release the caller may change: 404 when unknown or another workspace's, 403 when another user's. */
    ReleaseAccessDao.Row changeable(Caller caller, UUID releaseId) {
        ReleaseAccessDao.Row release = releases.find(caller.tenantId(), releaseId)
                .orElseThrow(() -> ApiException.notFound("Release"));
        if (!sees(caller, release.ownerId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only the release's owner or an admin can change it");
        }
        return release;
    }
}
