package io.catalogingest.ingest.workspace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.UpcBlock;
import io.catalogingest.common.workspace.AddUpcBlock;
import io.catalogingest.common.workspace.ChangeWorkspaceSetting;
import io.catalogingest.common.workspace.RetireUpcBlock;
import io.catalogingest.common.workspace.UpcBlockAdded;
import io.catalogingest.common.workspace.UpcBlockRetired;
import io.catalogingest.common.workspace.UpcBlockRules;
import io.catalogingest.common.workspace.WorkspaceCommandRejected;
import io.catalogingest.common.workspace.WorkspaceMessages;
import io.catalogingest.common.workspace.WorkspaceSetting;
import io.catalogingest.common.workspace.WorkspaceSettingChanged;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;

/**
 * Applies a workspace admin's changes: settings, and UPC blocks added or retired. Each command is claimed, applied
 * and recorded in one transaction ({@link AppliedOnce}); the next product of the workspace sees the change.
 *
 * <p>A new block must not overlap any block of any workspace (retired ones included: their numbers stay reserved),
 * and its GS1 prefix must not belong to another workspace. Adds are serialized across workspaces, so these checks
 * see every other add; the schema's exclusion constraint holds the no-overlap rule regardless.
 */
@Service
class WorkspaceAdministration implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.workspace";
    private static final Logger log = LoggerFactory.getLogger(WorkspaceAdministration.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;

    WorkspaceAdministration(AppliedOnce appliedOnce) {
        this.appliedOnce = appliedOnce;
    }

    /** Workspace commands travel on the catalog command topic, keyed by the workspace's tenant id. */
    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.runs(Topics.CATALOG_COMMANDS, WorkspaceMessages.CHANGE_SETTING, KeyRule.tenant(), this::changeSettings)
                .runs(Topics.CATALOG_COMMANDS, WorkspaceMessages.ADD_UPC_BLOCK, KeyRule.tenant(), this::addBlocks)
                .runs(Topics.CATALOG_COMMANDS, WorkspaceMessages.RETIRE_UPC_BLOCK, KeyRule.tenant(),
                        this::retireBlocks);
    }

    void changeSettings(List<Envelope<ChangeWorkspaceSetting>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, WorkspaceAdministration::changeSetting);
    }

    void addBlocks(List<Envelope<AddUpcBlock>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, WorkspaceAdministration::addBlock);
    }

    void retireBlocks(List<Envelope<RetireUpcBlock>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, WorkspaceAdministration::retireBlock);
    }

    private static Outcome changeSetting(Handle handle, Envelope<ChangeWorkspaceSetting> command) {
        ChangeWorkspaceSetting change = command.payload();
        Optional<WorkspaceSetting> setting = WorkspaceSetting.byName(change.name());
        if (setting.isEmpty()) {
            return rejection(command, "workspace-setting", change.name(), 404, "Setting not found",
                    List.of(new FieldError("name", "no setting " + change.name() + "; settings: "
                            + String.join(", ", WorkspaceSetting.names()))));
        }
        WorkspaceSetting.Normalized value = setting.get().normalize(change.value());
        if (!value.ok()) {
            return rejection(command, "workspace-setting", change.name(), 400, "Invalid setting",
                    List.of(new FieldError("value", value.problem())));
        }
        handle.attach(SettingDao.class).put(command.tenantId(), change.name(), value.value(), command.requestId());
        log.info("Tenant {} set {} (request {})", command.tenantId(), change.name(), command.requestId());
        return Outcome.success("workspace-setting", change.name(), 200, Topics.CATALOG_EVENTS,
                command.reply(WorkspaceMessages.SETTING_CHANGED, SOURCE, command.tenantId(),
                        new WorkspaceSettingChanged(change.name(), value.value(), command.requestId())));
    }

    private static Outcome addBlock(Handle handle, Envelope<AddUpcBlock> command) {
        AddUpcBlock add = command.payload();
        String tenant = command.tenantId();
        UUID id = blockId(add.blockId()).orElse(null);
        if (id == null) {
            return rejection(command, "upc-block", add.blockId(), 400, "Invalid UPC block",
                    List.of(new FieldError("id", "must be a UUID")));
        }
        List<FieldError> problems = UpcBlockRules.problems(add);
        if (!problems.isEmpty()) {
            return rejection(command, "upc-block", add.blockId(), 400, "Invalid UPC block", problems);
        }
        UpcBlock block = UpcBlockRules.block(add);
        UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
        blocks.lockAdding();
        if (blocks.exists(id)) {
            return rejection(command, "upc-block", add.blockId(), 409, "UPC block conflicts with an existing one",
                    List.of(new FieldError("id", "a UPC block with id " + add.blockId() + " already exists")));
        }
        if (blocks.prefixOfAnotherWorkspace(tenant, block.gs1Prefix())) {
            return rejection(command, "upc-block", add.blockId(), 409, "UPC block conflicts with an existing one",
                    List.of(new FieldError("companyPrefix", "GS1 company prefix " + add.companyPrefix()
                            + " (or a prefix containing it) belongs to another workspace")));
        }
        List<UpcBlockDao.Block> overlapping = blocks.overlapping(block.firstBody(), block.lastBody());
        if (!overlapping.isEmpty()) {
            UpcBlockDao.Block first = overlapping.get(0);
            String with = first.tenantId().equals(tenant)
                    ? "this workspace's block " + first.id() + " (" + first.rule() + ")"
                    : "a block of another workspace";
            return rejection(command, "upc-block", add.blockId(), 409, "UPC block conflicts with an existing one",
                    List.of(new FieldError("lastItemReference", "the range " + block + " overlaps " + with
                            + ": choose item references outside it")));
        }
        blocks.claimPrefix(tenant, block.gs1Prefix());
        blocks.insert(id, tenant, block.companyPrefix(), block.gtinLength(), block.gs1Prefix(),
                block.firstItemReference(), block.lastItemReference(), block.firstBody(), block.lastBody(),
                command.requestId());
        log.info("Tenant {} added UPC block {}: {} ({} numbers)", tenant, id, block, block.capacity());
        return Outcome.success("upc-block", add.blockId(), 201, Topics.CATALOG_EVENTS,
                command.reply(WorkspaceMessages.UPC_BLOCK_ADDED, SOURCE, tenant,
                        new UpcBlockAdded(add.blockId(), block.companyPrefix(), block.gtinLength(),
                                block.firstItemReference(), block.lastItemReference(), command.requestId())));
    }

    private static Outcome retireBlock(Handle handle, Envelope<RetireUpcBlock> command) {
        String blockId = command.payload().blockId();
        UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
        Optional<UpcBlockDao.Block> found = blockId(blockId).flatMap(id -> blocks.lock(command.tenantId(), id));
        if (found.isEmpty()) {
            return rejection(command, "upc-block", blockId, 404, "UPC block not found", List.of());
        }
        blocks.retire(found.get().id());
        log.info("Tenant {} retired UPC block {} ({} numbers were never issued)", command.tenantId(), blockId,
                found.get().free());
        return Outcome.success("upc-block", blockId, 200, Topics.CATALOG_EVENTS,
                command.reply(WorkspaceMessages.UPC_BLOCK_RETIRED, SOURCE, command.tenantId(),
                        new UpcBlockRetired(blockId, command.requestId())));
    }

    private static Optional<UUID> blockId(String text) {
        return Ids.uuid(text);
    }

    private static Outcome rejection(Envelope<?> command, String resourceType, String resourceId, int status,
                                     String message, List<FieldError> errors) {
        log.info("Rejected {} of tenant {}: {} {}", command.type(), command.tenantId(), message, errors);
        return Outcome.rejection(resourceType, resourceId, status, message, errors, Topics.CATALOG_EVENTS,
                command.reply(WorkspaceMessages.COMMAND_REJECTED, SOURCE, command.tenantId(),
                        new WorkspaceCommandRejected(resourceId, status, message, errors, command.requestId())));
    }
}
