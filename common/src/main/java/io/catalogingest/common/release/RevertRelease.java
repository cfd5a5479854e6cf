package io.catalogingest.common.release;

/**
 * Command (admin): move a release back in its review (Royalti's {@code POST /releases/{id}/revert-status}):
 * {@code rejected}, {@code approved} or {@code completed} to {@code draft}, or an {@code approved} release whose
 * auto-creation failed to {@code submitted}. Promoted files go back to the temporary bucket and the auto-creation's
 * catalog entries are cleared (ADR 0021); {@link ReleaseStatus#revertRefusal} says which moves are allowed.
 *
 * @param targetStatus {@code draft} or {@code submitted}
 * @param reason       why, kept in the audit row (1–1000 characters)
 * @param adminId      the admin asking (the JWT subject)
 */
public record RevertRelease(String releaseId, ReleaseStatus targetStatus, String reason, String adminId)
        implements ReleaseCommand {
}
