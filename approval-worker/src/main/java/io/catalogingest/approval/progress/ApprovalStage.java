package io.catalogingest.approval.progress;

/**
 * Where an approved release is ({@code release_approval.stage}, stored lowercase): its files being made permanent
 * ({@code promoting}), its catalog entries being created ({@code creating}), or finished — {@code completed} or
 * {@code failed} — or reverted by an admin ({@code reverted}: the release went back to draft or submitted, ADR 0021).
 */
public enum ApprovalStage {
    PROMOTING,
    CREATING,
    COMPLETED,
    FAILED,
    REVERTED
}
