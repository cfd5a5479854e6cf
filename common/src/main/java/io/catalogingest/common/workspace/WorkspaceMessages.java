package io.catalogingest.common.workspace;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of workspace settings and UPC blocks, with their wire ids. Commands travel keyed by tenant id. */
public final class WorkspaceMessages {

    public static final MessageType<ChangeWorkspaceSetting> CHANGE_SETTING =
            MessageType.of("catalog.workspace.setting.change.v1", ChangeWorkspaceSetting.class);
    public static final MessageType<WorkspaceSettingChanged> SETTING_CHANGED =
            MessageType.of("catalog.workspace.setting.changed.v1", WorkspaceSettingChanged.class);
    public static final MessageType<AddUpcBlock> ADD_UPC_BLOCK =
            MessageType.of("catalog.upc.block.add.v1", AddUpcBlock.class);
    public static final MessageType<UpcBlockAdded> UPC_BLOCK_ADDED =
            MessageType.of("catalog.upc.block.added.v1", UpcBlockAdded.class);
    public static final MessageType<RetireUpcBlock> RETIRE_UPC_BLOCK =
            MessageType.of("catalog.upc.block.retire.v1", RetireUpcBlock.class);
    public static final MessageType<UpcBlockRetired> UPC_BLOCK_RETIRED =
            MessageType.of("catalog.upc.block.retired.v1", UpcBlockRetired.class);
    public static final MessageType<WorkspaceCommandRejected> COMMAND_REJECTED =
            MessageType.of("catalog.workspace.command-rejected.v1", WorkspaceCommandRejected.class);
    public static final MessageType<UpcBlocksLow> UPC_BLOCKS_LOW =
            MessageType.of("catalog.upc.block-low.v1", UpcBlocksLow.class);

    private WorkspaceMessages() {
    }

    /** Every workspace message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(CHANGE_SETTING, SETTING_CHANGED, ADD_UPC_BLOCK,
            UPC_BLOCK_ADDED, RETIRE_UPC_BLOCK, UPC_BLOCK_RETIRED, COMMAND_REJECTED, UPC_BLOCKS_LOW);
}
